package io.github.tcpadapter.api;

import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.security.auth.x500.X500Principal;

/**
 * One client connection of an inbound listener, as seen by beans: its identity, and a way to push frames to the
 * client outside the request/reply rhythm of {@link TcpMessageListener#onMessage}. Thread-safe: any bean on any
 * thread may use it, also through {@link TcpSessions} by its {@link #id()}.
 */
public interface TcpSession {

    /**
     * @return the session's id, {@code <port>-<12 random base-32 digits>} (for example {@code 9002-k3m8x1q7bz2c}):
     *     unlike any other open session's, and not to be guessed from another (60 random bits make a repeat over a
     *     listener's lifetime unlikely)
     */
    String id();

    /**
     * @return the client's address; behind a load balancer that sends the PROXY protocol (activation property
     *     {@code proxyProtocol}), the address of the client the balancer serves
     */
    InetSocketAddress remoteAddress();

    /**
     * @return the certificate chain the client presented and the listener verified against its trust store, the
     *     client's own certificate first; empty without TLS or when the client presented none
     *     ({@code clientAuth=WANT} or {@code NONE})
     */
    List<X509Certificate> peerCertificates();

    /** @return the subject of the client's verified certificate, if it presented one */
    default Optional<X500Principal> peerPrincipal() {
        return peerCertificates().stream().findFirst().map(X509Certificate::getSubjectX500Principal);
    }

    /**
     * @return the listener's address the client connected to; for the link of a client-mode listener
     *     ({@code connectTo}), the local end of the connection the listener made, whose port is not the listener's
     */
    InetSocketAddress localAddress();

    /** @return when the connection was accepted */
    Instant openedAt();

    /**
     * @return the port of the listener that holds the session: its {@code port} property, as in {@link #id()}; also
     *     for the link of a client-mode listener, and without the server instance's port offset
     */
    int port();

    /** @return the charset in which the listener reads and writes text: its property {@code charset} */
    Charset charset();

    /**
     * @return the cluster member that holds the connection, by the name its server gives it (a Payara instance's
     *     name); empty on a server in no cluster the adapter knows. A session of another member is reached through
     *     it: see {@link TcpSessions}
     */
    Optional<String> member();

    /** @return whether the connection is still open */
    boolean isOpen();

    /** @return the frames and bytes the session has received and written so far, and when it last did */
    TcpSessionTraffic traffic();

    /**
     * Writes one frame to the client, framed with the listener's framing. Frames sent from several threads are
     * written whole, one after the other. Returns once the frame is queued for writing, without waiting for the
     * client to read it. Only while the client leaves too much unread (its socket buffers and Netty's outbound
     * high-water mark, 64 KiB, are full) does it wait for room, at most the listener's {@code writeTimeoutMillis};
     * a client that takes nothing for that long is closed as a slow consumer.
     *
     * @param payload the frame's payload, without framing bytes
     * @throws TcpTimeoutException if the client took nothing for {@code writeTimeoutMillis}; the frame was not sent
     * @throws ResourceException if the session is closed or the payload cannot be framed (for example, too long)
     */
    void send(byte[] payload) throws ResourceException;

    /**
     * Writes one frame to the client, waiting at most {@code timeout} for room if the client leaves too much unread.
     *
     * @param payload the frame's payload, without framing bytes
     * @param timeout how long to wait at most for the client to make room
     * @throws TcpTimeoutException if the client made no room in time; the frame was not sent and the session stays
     *     open
     * @throws ResourceException if the session is closed or the payload cannot be framed
     * @see #send(byte[])
     */
    void send(byte[] payload, Duration timeout) throws ResourceException;

    /**
     * Writes one frame of text, encoded with the listener's charset (property {@code charset}).
     *
     * @param text the frame's text
     * @throws ResourceException if the session is closed, the text cannot be framed or the client takes nothing
     * @see #send(byte[])
     */
    void send(String text) throws ResourceException;

    /**
     * Queues one frame for the client and returns at once: the way for a bean that sends to many clients (a chat
     * room, a broadcast) never to wait on the slowest of them. A client that already leaves too much unread
     * (Netty's outbound high-water mark, 64 KiB, on top of full socket buffers) does not get the frame.
     *
     * @param payload the frame's payload, without framing bytes
     * @return completes when the frame has been handed to the operating system, or exceptionally with a
     *     {@link ResourceException} if the session is closed, the payload cannot be framed, the client is not
     *     keeping up, or the connection closes first
     */
    CompletionStage<Void> sendAsync(byte[] payload);

    /**
     * Queues one frame of text, encoded with the listener's charset, and returns at once.
     *
     * @param text the frame's text
     * @return as {@link #sendAsync(byte[])}
     */
    CompletionStage<Void> sendAsync(String text);

    /**
     * Closes the connection once the frames already sent are written, within the listener's
     * {@code writeTimeoutMillis} at most; a client that is not reading (its socket buffers full) is closed at once
     * and loses what it did not take. Frames received from the client and not yet delivered are dropped, and so is
     * what the client still sends until it closes its side too (at most 2 s of silence later): closing a socket with
     * bytes unread would reset the connection and make the client lose the frames sent to it before.
     * {@link TcpMessageListener#onDisconnect} follows. Returns at once; does nothing if already closed.
     */
    void close();

    /**
     * Sends a request to this client or device and returns at once: the stage completes, on a server thread, with
     * the frame that answers it, paired by the listener's activation property {@code correlation} (by key, or in
     * order). Frames that answer no request go to the bean's {@code onMessage} as before: a device's unsolicited
     * frames, and a reply that came after its request timed out. Many requests may be in flight on one connection,
     * at most {@code maxInFlight}; no thread waits for a reply.
     *
     * <p>The stage completes exceptionally with {@link TcpTimeoutException} when no reply comes within the timeout
     * (by key the connection stays in use; in order it is closed, since the late reply would answer the next
     * request), and with a {@link ResourceException} at once when the request cannot be framed, carries no key or
     * the key of a request in flight, when {@code maxInFlight} are in flight, when the client does not read, or when
     * the listener has no correlation; and as soon as the connection closes, for every request still waiting.
     *
     * @param payload the request payload, framed like a push
     * @param timeout how long the reply may take, from now; at least 1 ms
     * @return the reply, as {@code onMessage} would have seen it
     */
    CompletionStage<TcpMessage> requestAsync(byte[] payload, Duration timeout);

    /**
     * As {@link #requestAsync(byte[], Duration)}, with the request text in the listener's charset.
     *
     * @param text the request
     * @param timeout how long the reply may take, from now; at least 1 ms
     * @return the reply
     */
    CompletionStage<TcpMessage> requestAsync(String text, Duration timeout);
}
