package io.github.tcpadapter.api;

import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One client connection of an inbound listener, as seen by beans: its identity, and a way to push frames to the
 * client outside the request/reply rhythm of {@link TcpMessageListener#onMessage}. Thread-safe: any bean on any
 * thread may use it, also through {@link TcpSessions} by its {@link #id()}.
 */
public interface TcpSession {

    /** @return the session's id, unique among the sessions of one listener's lifetime, as {@code <port>-<number>} */
    String id();

    /** @return the client's address */
    InetSocketAddress remoteAddress();

    /** @return the listener's address the client connected to */
    InetSocketAddress localAddress();

    /** @return when the connection was accepted */
    Instant openedAt();

    /** @return whether the connection is still open */
    boolean isOpen();

    /**
     * Writes one frame to the client, framed with the listener's framing. Frames sent from several threads are
     * written whole, one after the other. Returns once the frame is queued for writing, without waiting for the
     * client to read it; only when the client leaves too much unread (Netty's outbound high-water mark, 64 KiB)
     * does it wait until this frame is written or the connection closes.
     *
     * @param payload the frame's payload, without framing bytes
     * @throws ResourceException if the session is closed or the payload cannot be framed (for example, too long)
     */
    void send(byte[] payload) throws ResourceException;

    /**
     * Writes one frame of text, encoded with the listener's charset (property {@code charset}).
     *
     * @param text the frame's text
     * @throws ResourceException if the session is closed or the text cannot be framed
     * @see #send(byte[])
     */
    void send(String text) throws ResourceException;

    /**
     * Closes the connection once the frames already sent are written. Frames received from the client and not yet
     * delivered are dropped; {@link TcpMessageListener#onDisconnect} follows. Does nothing if already closed.
     */
    void close();
}
