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
 *     byte[] reply = connection.request("PING".getBytes(StandardCharsets.UTF_8));
 * }
 * }</pre>
 */
public interface TcpConnectionFactory {

    /**
     * Takes a connection from the pool, opening a new socket if none is idle.
     *
     * @return a connection that the caller must close
     * @throws ResourceException if no connection can be had; the message names the peer and the cause
     */
    TcpConnection getConnection() throws ResourceException;
}
