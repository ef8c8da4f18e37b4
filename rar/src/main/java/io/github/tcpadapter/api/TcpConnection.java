package io.github.tcpadapter.api;

import jakarta.resource.ResourceException;

/**
 * A connection handle to the configured TCP peer. Frames are framed on the wire with the factory's framing.
 *
 * <p>Any I/O error, timeout or framing error breaks the connection: the call throws a {@link ResourceException}
 * and the pool destroys the socket instead of handing it out again. Use a connection from one thread at a time.
 */
public interface TcpConnection extends AutoCloseable {

    /**
     * Writes one frame.
     *
     * @param frame the payload; framed as configured (a line gets its line terminator appended)
     * @throws ResourceException if the payload cannot be framed or the write fails
     */
    void send(byte[] frame) throws ResourceException;

    /**
     * Writes one frame and waits for one reply frame, at most the configured read timeout.
     *
     * @param frame the request payload
     * @return the reply payload, without framing bytes
     * @throws ResourceException if the write fails, the peer closes the connection, the reply does not arrive in
     *     time or is not a valid frame
     */
    byte[] request(byte[] frame) throws ResourceException;

    /**
     * Hands the connection back to the pool; the socket stays open for the next user. Calling it again has no
     * effect; any other method called afterwards throws {@link IllegalStateException}.
     */
    @Override
    void close();
}
