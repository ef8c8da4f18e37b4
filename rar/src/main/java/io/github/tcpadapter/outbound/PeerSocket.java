package io.github.tcpadapter.outbound;

import io.github.tcpadapter.framing.FrameDecoder;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.outbound.transport.ByteTransport;
import io.github.tcpadapter.outbound.transport.PlainTransport;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * One open socket to one target and its framed I/O: writes and blocking reads, each bounded by a deadline, and
 * non-blocking looks at what arrived while nobody was reading. Not thread-safe: its managed connection
 * serialises the calls.
 *
 * <p>The bytes come and go through a {@link ByteTransport}: the socket's own ({@link PlainTransport}), or those of
 * a TLS session over it ({@link io.github.tcpadapter.outbound.transport.TlsTransport}); framing, deadlines and
 * looks work the same over both.
 */
final class PeerSocket implements AutoCloseable {

    private static final int READ_BUFFER_SIZE = 8192;
    // bounds the reads of a look, so a peer that never stops sending cannot hold the caller
    private static final int MAX_LOOK_READS = 64;

    private final Target target;
    private final ByteTransport transport;
    private final Framing framing;
    private FrameDecoder decoder;
    // the peer closed, and the decoder made its last frame of that (RAW until close)
    private boolean ended;
    // bytes received but not decoded yet, between position and limit
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_SIZE).flip();

    /**
     * @param target the target the channel is connected to, for messages
     * @param channel a connected channel in blocking mode
     * @param framing the wire format
     */
    PeerSocket(Target target, SocketChannel channel, Framing framing) throws IOException {
        this(target, new PlainTransport(channel), framing);
    }

    /**
     * @param target the target the transport is connected to, for messages
     * @param transport the connection's bytes, plain or TLS
     * @param framing the wire format
     */
    PeerSocket(Target target, ByteTransport transport, Framing framing) {
        this.target = target;
        this.transport = transport;
        this.framing = framing;
        this.decoder = framing.newDecoder();
    }

    Target target() {
        return target;
    }

    /** @return the peer's address as connected, resolved */
    SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    /**
     * Writes bytes that are framed already.
     *
     * @param timeoutMillis how long the peer may take to accept all of them
     * @throws SocketTimeoutException if the peer did not take them in time; part of them may have been sent
     * @throws IOException if writing fails
     */
    void write(byte[] wire, long timeoutMillis) throws IOException {
        transport.write(ByteBuffer.wrap(wire), timeoutMillis);
    }

    /**
     * Blocks until a whole frame has arrived; bytes beyond it are kept for the next read.
     *
     * @param timeoutMillis how long the whole frame may take, however it is split into reads
     * @return the frame's payload
     * @throws SocketTimeoutException if the frame is not complete in time
     * @throws EOFException if the peer closed the connection between frames
     * @throws FramingException if the bytes do not form a valid frame
     * @throws IOException if reading fails
     */
    byte[] readFrame(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            byte[] frame = decoder.decode(buffer);
            if (frame != null) {
                return frame;
            }
            long remainingNanos = deadline - System.nanoTime();
            if (remainingNanos <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            // rounded up: a timeout of 0 would mean none at all
            int n = transport.read(buffer.array(), 0, buffer.capacity(),
                    (int) Math.min((remainingNanos + 999_999) / 1_000_000, Integer.MAX_VALUE));
            if (n < 0) {
                return lastFrame();
            }
            buffer.position(0).limit(n);
        }
    }

    private byte[] lastFrame() throws FramingException, EOFException {
        byte[] frame = decoder.endOfStream();
        if (frame == null) {
            throw new EOFException("closed by the peer");
        }
        ended = true;
        return frame;
    }

    /** @return whether the last frame read was ended by the peer closing the connection: no more can come */
    boolean ended() {
        return ended;
    }

    /**
     * Looks, without blocking and without losing bytes, whether the peer closed or reset the connection. Bytes
     * that arrived are kept for the next read; a close behind them (a greeting, then the peer restarted) counts.
     *
     * @return {@code false} if the peer closed or reset the connection
     */
    boolean isAlive() {
        try {
            for (int reads = 0; reads < MAX_LOOK_READS && buffer.remaining() < buffer.capacity(); reads++) {
                int n = readNonBlocking();
                if (n <= 0) {
                    return n == 0;
                }
            }
            return true; // the buffer is full, or the peer keeps sending: a close behind shows in a later read
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Drops every byte received and not read yet, including what the peer sent since the last read, and starts
     * the next frame afresh.
     *
     * @return how many bytes were dropped
     * @throws EOFException if the peer closed the connection
     * @throws IOException if the peer reset the connection or reading fails
     */
    int discardUnread() throws IOException {
        int discarded = dropBuffered();
        for (int reads = 0; reads < MAX_LOOK_READS; reads++) {
            int n = readNonBlocking();
            if (n < 0) {
                throw new EOFException("closed by the peer");
            }
            discarded += dropBuffered();
            if (n == 0) {
                break;
            }
        }
        return discarded;
    }

    /**
     * Drops the bytes received and not read yet, without reading the socket.
     *
     * @return how many bytes were dropped, those of a partly decoded frame included
     */
    int dropBuffered() {
        int dropped = unreadBytes();
        buffer.position(0).limit(0);
        if (decoder.pendingBytes() > 0) {
            decoder = framing.newDecoder();
        }
        return dropped;
    }

    /** @return how many bytes were received and not read yet, those of a partly decoded frame included */
    int unreadBytes() {
        return buffer.remaining() + decoder.pendingBytes();
    }

    // appends what the socket holds to the buffer; -1 at end of stream
    private int readNonBlocking() throws IOException {
        buffer.compact();
        try {
            return transport.readNow(buffer);
        } finally {
            buffer.flip();
        }
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
