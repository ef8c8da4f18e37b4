/**
 * The bytes of one outbound connection: a non-blocking socket channel whose reads and writes wait on a selector only
 * when they cannot proceed, each within its deadline ({@link PlainTransport}), and TLS over the same channel
 * ({@link TlsTransport}), with the explanations of failed handshakes. Why non-blocking, and what the pool does with
 * a broken connection, is told in {@link io.github.tcpadapter.outbound}.
 */
package io.github.tcpadapter.outbound.transport;
