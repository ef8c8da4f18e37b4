/**
 * The outbound side: a pooled TCP connection factory.
 *
 * <p>Each {@link io.github.tcpadapter.outbound.TcpManagedConnection} owns one blocking socket: the caller's thread is
 * already dedicated to its request, so a blocking read is the shortest request/reply path. The application server
 * pools managed connections, so sockets stay open between uses. Any I/O, timeout or framing error marks the
 * connection broken and fires {@code CONNECTION_ERROR_OCCURRED}, so the pool destroys it rather than hand out a
 * socket whose state is unknown (a late reply must never answer the next caller).
 */
package io.github.tcpadapter.outbound;
