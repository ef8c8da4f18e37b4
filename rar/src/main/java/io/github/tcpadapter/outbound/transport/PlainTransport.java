package io.github.tcpadapter.outbound.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The socket's bytes as they are, over a {@link SocketChannel} kept in non-blocking mode: every read and write is
 * tried at once, and only when the socket has nothing to give or no room does a {@link ChannelWaiter} wait for it,
 * within the caller's deadline. A request/reply then costs a write, a read that finds nothing yet, one wait and the
 * read of the reply; a look at a pooled socket is one read. Also the network under a {@link TlsTransport}.
 */
public final class PlainTransport implements ByteTransport {

    private final SocketChannel channel;
    private final ChannelWaiter waiter;

    /** @param channel a connected channel; it is switched to non-blocking mode for good */
    public PlainTransport(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.waiter = new ChannelWaiter(channel);
    }

    @Override
    public void write(ByteBuffer bytes, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        channel.write(bytes);
        while (bytes.hasRemaining()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("Write timed out");
            }
            waiter.await(SelectionKey.OP_WRITE, remaining);
            channel.write(bytes);
        }
    }

    @Override
    public int read(byte[] into, int offset, int length, int timeoutMillis) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, offset, length);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        int n;
        while ((n = channel.read(buffer)) == 0) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            waiter.await(SelectionKey.OP_READ, remaining);
        }
        return n;
    }

    @Override
    public int readNow(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    /**
     * Writes what the socket's send buffer takes now, without waiting: for what is sent on a best-effort basis
     * (a TLS close_notify while closing), which must never hold the caller.
     *
     * @return how many bytes were written
     */
    int writeNow(ByteBuffer bytes) throws IOException {
        return channel.write(bytes);
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
            // after the channel: closing the selector also releases a channel still registered with it, and ends
            // a wait under way on another thread
            waiter.close();
        }
    }
}
