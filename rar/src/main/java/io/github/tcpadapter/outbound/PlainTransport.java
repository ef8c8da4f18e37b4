package io.github.tcpadapter.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The socket's bytes as they are, over a {@link SocketChannel} kept in blocking mode: writes through a
 * {@link TimedWriter}, blocking reads through the socket's stream with {@code SO_TIMEOUT} (the shortest path for a
 * thread that waits for its reply anyway), and looks that switch the channel to non-blocking for one read (about a
 * microsecond, where a read with a 1 ms timeout would cost a millisecond per look). Also the network under a
 * {@link TlsTransport}.
 */
final class PlainTransport implements ByteTransport {

    private final SocketChannel channel;
    private final InputStream in;
    private final TimedWriter writer;

    /** @param channel a connected channel in blocking mode */
    PlainTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.in = channel.socket().getInputStream();
        this.writer = new TimedWriter(channel);
    }

    @Override
    public void write(ByteBuffer bytes, long timeoutMillis) throws IOException {
        writer.write(bytes, timeoutMillis);
    }

    @Override
    public int read(byte[] into, int offset, int length, int timeoutMillis) throws IOException {
        channel.socket().setSoTimeout(timeoutMillis);
        return in.read(into, offset, length);
    }

    @Override
    public int readNow(ByteBuffer into) throws IOException {
        channel.configureBlocking(false);
        try {
            return channel.read(into);
        } finally {
            channel.configureBlocking(true);
        }
    }

    /**
     * Writes what the socket's send buffer takes now, without waiting: for what is sent on a best-effort basis
     * (a TLS close_notify while closing), which must never hold the caller.
     *
     * @return how many bytes were written
     */
    int writeNow(ByteBuffer bytes) throws IOException {
        channel.configureBlocking(false);
        try {
            return channel.write(bytes);
        } finally {
            channel.configureBlocking(true);
        }
    }

    /** @return whether the channel is still open */
    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.socket().getRemoteSocketAddress();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            // after the channel: closing the selector also releases a channel still registered with it
            writer.close();
        }
    }
}
