package io.github.tcpadapter.api;

import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A connection handle to the configured TCP peer. Payloads are framed on the wire with the factory's framing;
 * text is encoded and decoded with the factory's {@code charset}.
 *
 * <p>Any I/O error, timeout or framing error breaks the connection: the call throws a {@link ResourceException}
 * naming the peer, and the pool destroys the socket instead of handing it out again (a late reply never answers
 * the next caller). A timeout throws the subclass {@link TcpTimeoutException}.
 *
 * <p>A handle's calls belong to the thread that took it from the factory: a call from any other thread throws
 * {@link IllegalStateException}. Take one connection per thread instead of sharing one. {@link #close()} is the
 * exception: any thread may close a handle (an asynchronous caller finishes on another thread), once.
 *
 * <p>{@link #requestAsync(byte[], Duration)} is the exception to both rules: it works only on a multiplexed factory
 * (property {@code correlation} other than {@code NONE}), where it uses sockets the factory shares between all its
 * handles rather than the handle's own, so any thread may call it while the handle is open, and closing the handle
 * leaves the requests it sent in flight: they complete on their own. On such a factory the blocking
 * {@link #request(byte[])} goes over the shared sockets too, and {@link #send(byte[])} and {@link #receive()}, which
 * need a socket to themselves, throw a {@link ResourceException} naming {@code correlation}.
 */
public interface TcpConnection extends AutoCloseable {

    /**
     * Writes one frame.
     *
     * @param payload the payload; framed as configured (a line gets its line terminator appended)
     * @throws ResourceException if the payload cannot be framed (nothing is written, the connection stays usable)
     *     or the write fails
     */
    void send(byte[] payload) throws ResourceException;

    /**
     * Writes one frame of text, encoded with the factory's charset.
     *
     * @param text the payload
     * @throws ResourceException as {@link #send(byte[])}
     */
    void send(String text) throws ResourceException;

    /**
     * Writes one frame and waits for one reply frame, at most the factory's {@code readTimeoutMillis} for the
     * whole reply.
     *
     * @param payload the request payload
     * @return the reply payload, without framing bytes
     * @throws TcpTimeoutException if the whole reply does not arrive in time
     * @throws ResourceException if the write fails, the peer closes the connection, or the reply is not a valid
     *     frame
     */
    byte[] request(byte[] payload) throws ResourceException;

    /**
     * Writes one frame and waits for one reply frame, at most {@code timeout} for the whole reply.
     *
     * @param payload the request payload
     * @param timeout how long the whole reply may take; at least 1 ms
     * @return the reply payload, without framing bytes
     * @throws TcpTimeoutException if the whole reply does not arrive in time
     * @throws ResourceException as {@link #request(byte[])}
     */
    byte[] request(byte[] payload, Duration timeout) throws ResourceException;

    /**
     * Writes one frame of text and waits for one reply frame, both in the factory's charset, at most the
     * factory's {@code readTimeoutMillis}.
     *
     * @param text the request
     * @return the reply, decoded
     * @throws TcpTimeoutException if the whole reply does not arrive in time
     * @throws ResourceException as {@link #request(byte[])}
     */
    String request(String text) throws ResourceException;

    /**
     * Sends one request on the factory's shared, multiplexed connections and returns at once; many requests may be
     * in flight on one socket. The reply is paired with its request as the factory's {@code correlation} says: in
     * order, or by a key read from both. Nothing waits: the stage completes later on one of the server's threads
     * (never an I/O thread), so callbacks attached to it run there.
     *
     * <p>The stage completes exceptionally with {@link TcpTimeoutException} if no reply comes within
     * {@code timeout} (by key the socket stays in use and the late reply is dropped, counted); with a
     * {@link ResourceException} naming the peer and the cause if the connection is lost or cannot be opened (at
     * once, not after the timeout); and at once, with nothing written, if the payload cannot be framed, carries no
     * key or the key of a request in flight, or if every connection has {@code maxInFlight} requests in flight (fail
     * fast: the caller decides whether to retry, and no thread waits for room). On a factory in pooled synchronous
     * mode ({@code correlation=NONE}, the default) it completes exceptionally at once, naming the property to set.
     *
     * <p>The reply is the payload alone, as {@link #request(byte[])} returns it: an outbound reply has no session,
     * address or certificate of its own to carry, unlike an inbound {@link TcpMessage}.
     *
     * @param payload the request payload
     * @param timeout how long the reply may take, from now; at least 1 ms
     * @return the reply payload, without framing bytes
     * @throws IllegalStateException if this handle is closed
     */
    CompletionStage<byte[]> requestAsync(byte[] payload, Duration timeout);

    /**
     * As {@link #requestAsync(byte[], Duration)}, with the request and the reply text in the factory's charset.
     *
     * @param text the request
     * @param timeout how long the reply may take, from now; at least 1 ms
     * @return the reply, decoded
     * @throws IllegalStateException if this handle is closed
     */
    CompletionStage<String> requestAsync(String text, Duration timeout);

    /**
     * Waits for the next frame from the peer, at most the factory's {@code readTimeoutMillis}: for protocols
     * where the peer speaks first or answers with several frames.
     *
     * @return the frame's payload, without framing bytes
     * @throws TcpTimeoutException if no whole frame arrives in time
     * @throws ResourceException if the peer closes the connection or the bytes are not a valid frame
     */
    byte[] receive() throws ResourceException;

    /**
     * Waits for the next frame from the peer, at most {@code timeout}.
     *
     * @param timeout how long the whole frame may take; at least 1 ms
     * @return the frame's payload, without framing bytes
     * @throws TcpTimeoutException if no whole frame arrives in time
     * @throws ResourceException as {@link #receive()}
     */
    byte[] receive(Duration timeout) throws ResourceException;

    /**
     * Hands the connection back to the pool; the socket stays open for the next user, and bytes this user left
     * unread are discarded. Any thread may call it, and does not wait: if a call of the owning thread is under way,
     * that call completes with its own reply (or failure) and the pool gets the connection when it returns, never
     * in the middle of it. Calling it again has no effect; any other method called afterwards throws
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
