/**
 * Admission: which connections the listener lets through to the bean, and how they are opened.
 *
 * <h2>Opening a connection</h2>
 * A client outside {@code allowedClients} is closed as it is accepted, before anything is read. Otherwise, when the
 * connection needs opening (a PROXY protocol header first, a TLS handshake, or both), {@link ConnectionOpening} holds
 * it back from the bean: {@link ProxyHeaderDetector} decides within the first bytes whether a load balancer's header
 * comes (only from {@code proxyTrustedAddresses}), Netty decodes it, the client's real address then passes the
 * allowlist, Netty's {@code SslHandler} runs the handshake with an engine from
 * {@link io.github.tcpadapter.tls.TlsContext}, and only then is the connection made a session with its real address
 * and verified certificates, and its {@code channelActive} passed on to the handlers that serve it. All of it within
 * {@code sslHandshakeTimeoutMillis}; a connection that fails any step is closed, logged in summary with its address
 * and the reason, and never reaches the bean.
 */
package io.github.tcpadapter.inbound.admission;
