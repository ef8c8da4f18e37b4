/**
 * Admission: which connections the listener lets through to the bean, and how they are opened.
 *
 * <h2>Opening a connection</h2>
 * A client outside {@code allowedClients}, or whose address holds {@code maxConnectionsPerAddress} connections
 * already ({@link ConnectionsPerAddress}), is closed as it is accepted, before anything is read. Otherwise, when the
 * connection needs opening (a PROXY protocol header first from a trusted balancer, a TLS handshake, or both),
 * {@link ConnectionOpening} holds it back from the bean: {@link ProxyHeaderDetector} decides within the first bytes
 * whether a load balancer's header comes (only from {@code proxyTrustedAddresses}; a direct client is opened at
 * once), Netty decodes it, the client's real address then passes the allowlist and the per-address limit, Netty's
 * {@code SslHandler} runs the handshake with an engine from {@link io.github.tcpadapter.tls.TlsContext} (its heavy
 * tasks on the server's threads through {@link HandshakeWorks}, at most {@code maxConcurrentHandshakes} at once, the
 * connection's reading held meanwhile by {@link HandshakeReadHold}; a renegotiation later is refused by
 * {@link RenegotiationGuard}), and only then is the connection made a session with its real address and verified
 * certificates, and its {@code channelActive} passed on to the handlers that serve it. All of it within
 * {@code sslHandshakeTimeoutMillis}; a connection that fails any step is closed, logged in summary with its address
 * and the reason, and never reaches the bean.
 */
package io.github.tcpadapter.inbound.admission;
