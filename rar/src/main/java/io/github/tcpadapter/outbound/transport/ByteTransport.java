package io.github.tcpadapter.outbound.transport;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The byte stream under a {@link io.github.tcpadapter.outbound.PeerSocket}: the socket's bytes as they are
 * ({@link PlainTransport}), or the plaintext of a TLS session over it ({@link TlsTransport}). Every call that
 * waits is bounded by a deadline, and one call looks without waiting, so that a peer that stops reading, stops
 * answering or goes away cannot hold the caller. Not thread-safe, except {@link #close()}, which may end a call
 * under way on another thread.
 */
public interface ByteTransport extends AutoCloseable {

    /**
     * Writes every remaining byte.
     *
     * @param bytes what to write
     * @param timeoutMillis how long the peer may take to accept all of them
     * @throws SocketTimeoutException if the peer did not take them in time; part of them may have been sent
     * @throws IOException if writing fails
     */
    void write(ByteBuffer bytes, long timeoutMillis) throws IOException;

    /**
     * Blocks until at least one byte has arrived.
     *
     * @param into where to put the bytes
     * @param offset the first index of {@code into} to fill
     * @param length how many bytes at most, at least 1
     * @param timeoutMillis how long to wait, at least 1
     * @return how many bytes were read, at least 1; -1 once the peer closed its side
     * @throws SocketTimeoutException if nothing arrived in time
     * @throws IOException if reading fails
     */
    int read(byte[] into, int offset, int length, int timeoutMillis) throws IOException;

    /**
     * Reads what has arrived, without waiting.
     *
     * @param into where to append the bytes, in write mode
     * @return how many bytes were appended; 0 if none are there now; -1 once the peer closed its side
     * @throws EOFException or another {@link IOException} if the connection failed or was reset
     */
    int readNow(ByteBuffer into) throws IOException;

    /** @return the peer's address as connected, resolved */
    SocketAddress remoteAddress();

    /** Closes the connection; a call under way on another thread ends with an exception. */
    @Override
    void close() throws IOException;
}
