package io.github.tcpadapter.api;

import jakarta.resource.ResourceException;

/**
 * Hands out connections to one configured TCP peer, taken from the application server's pool.
 *
 * <pre>{@code
 * @Resource(lookup = "java:app/tcp/Backend")
 * TcpConnectionFactory backend;
 *
 * try (TcpConnection connection = backend.getConnection()) {
 *     String reply = connection.request("PING");
 * }
 * }</pre>
 */
public interface TcpConnectionFactory {

    /**
     * Takes a connection from the pool, opening a new socket if none is idle. A pooled socket that the peer
     * closed while it was idle is replaced by a new one before it is handed out.
     *
     * @return a connection that the caller must close
     * @throws ResourceException if no connection can be had; the message names the peer(s) tried and the cause
     */
    TcpConnection getConnection() throws ResourceException;

    /** @return the adapter's name and version, and the configured peer */
    TcpMetaData getMetaData();
}
