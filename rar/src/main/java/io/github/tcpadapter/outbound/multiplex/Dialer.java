package io.github.tcpadapter.outbound.multiplex;

import jakarta.resource.ResourceException;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** Opens a link's socket: tries the configured hosts in the factory's failover order, as the pooled connections do. */
@FunctionalInterface
public interface Dialer {

    /**
     * Blocks for at most the factory's connect timeout per host; never called on an event loop.
     *
     * @return a connected socket and the target it reached
     * @throws ResourceException naming each host tried and why it failed
     */
    Dialed dial() throws ResourceException;

    /**
     * @param channel a connected socket, not used by anything else yet
     * @param peer the target it is connected to, as configured ("host:port"), for messages
     * @param tls the TLS handshake the link performs before it sends anything; {@code null} for plaintext
     */
    record Dialed(SocketChannel channel, String peer, Tls tls) {

        /** A plaintext socket. */
        public Dialed(SocketChannel channel, String peer) {
            this(channel, peer, null);
        }
    }

    /**
     * The TLS side of a link's socket, as the pooled connections secure theirs.
     *
     * @param engine a client engine for the target: SNI and host name verification set
     * @param handshakeTimeoutMillis {@code sslHandshakeTimeoutMillis}
     * @param explain says why a handshake failed, in an operator's words
     * @param failed tells the failover order that the target failed its handshake, and why: the next attempt
     *     tries the other hosts first, as a pooled connection's failed handshake does
     */
    record Tls(SSLEngine engine, int handshakeTimeoutMillis, Function<SSLException, String> explain,
            Consumer<String> failed) {
    }
}
