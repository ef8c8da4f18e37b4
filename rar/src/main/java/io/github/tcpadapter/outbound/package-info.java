/**
 * The outbound side: a pooled TCP connection factory.
 *
 * <p>Each {@link io.github.tcpadapter.outbound.TcpManagedConnection} owns one socket, and the caller's thread, already
 * dedicated to its request, does its I/O: no hand-off to another thread. The application server pools managed
 * connections, so sockets stay open between uses. The socket stays in non-blocking mode: each read or write is
 * tried at once, and only when it cannot proceed does a channel waiter
 * ({@link io.github.tcpadapter.outbound.transport}) wait on a selector, within the call's deadline
 * ({@code readTimeoutMillis}, {@code writeTimeoutMillis}); a peer that stops reading cannot block a write for ever.
 * (A blocking socket with {@code SO_TIMEOUT} costs more: the JDK switches it
 * to non-blocking and back around each timed read, and a bounded write needs the same switch, about a dozen
 * {@code fcntl} calls per request/reply in all, measured with strace in the benchmark.) Any I/O,
 * timeout or framing error marks the connection broken and fires {@code CONNECTION_ERROR_OCCURRED}, so the pool
 * destroys it rather than hand out a socket whose state is unknown (a late reply must never answer the next
 * caller).
 *
 * <p>Payara may never call the validator (its issue #1520) and keeps broken sockets after a peer restarts (#3218),
 * so a connection looks at its socket each time the pool lends it: a non-blocking read of about a microsecond
 * (a read with a 1 ms timeout would cost a millisecond per call; see {@code OutboundBenchmark}) finds a peer that
 * closed or reset the idle socket, and the connection reconnects before the caller has written anything.
 *
 * <p>The {@code host} property may list several targets; a {@link io.github.tcpadapter.outbound.Connector} tries
 * them in the order a {@link io.github.tcpadapter.outbound.HostSelector} gives, which puts a target that failed
 * last for {@code retryIntervalMillis}.
 *
 * <p>The factories and connections of one configuration share its host selector and statistics
 * ({@link io.github.tcpadapter.outbound.FactoryManagement}), within the adapter instance they are associated with
 * ({@link io.github.tcpadapter.outbound.FactoryRegistry}); the specification gives a factory no end, so the live
 * connections the pool holds keep a configuration in use, and the adapter instance's stop ends them all.
 *
 * <p>With {@code ssl=true} each connection performs a TLS handshake right after the TCP connect, within
 * {@code sslHandshakeTimeoutMillis}; a failed or timed-out handshake is a failed connect of that target, so failover
 * applies. The session runs in a {@link io.github.tcpadapter.outbound.transport.TlsTransport}: an {@code SSLEngine}
 * over the same channel, so writes, reads and the checkout look keep their deadlines and costs (the look unwraps
 * what arrived without waiting, and sees a peer's close_notify). The peer's certificate must name the configured
 * host unless {@code hostnameVerification=false}. The factory reads its stores once per configuration (a
 * {@link io.github.tcpadapter.tls.TlsContext}, which rereads changed files every {@code sslReloadIntervalMillis}).
 *
 * <h2>Multiplexed mode: who owns the sockets</h2>
 *
 * <p>With {@code correlation} other than {@code NONE}, {@code requestAsync} sends requests on sockets shared by every
 * handle of the factory ({@link io.github.tcpadapter.outbound.multiplex}). The Connectors contract gives a
 * ManagedConnection to one handle at a time and lets the pool destroy it whenever it likes, so such a socket cannot
 * belong to a ManagedConnection: its requests outlive the handle that sent them. It belongs to the factory's
 * configuration in the adapter instance's {@link io.github.tcpadapter.outbound.FactoryRegistry}, beside its MBean
 * and host selector ({@code FactoryManagement.multiplexer}). The server's pool still
 * lends handles as before; a handle's {@code requestAsync} goes to the configuration's links, from any thread while
 * the handle is open. {@code close()} on a handle with requests in flight cancels nothing: they complete on their
 * own, and the handle just goes back to the pool. The links open on the first {@code requestAsync} and close when
 * the configuration is dropped: the adapter instance stops, or the pool destroys its last working connection while
 * no request is in flight (with requests in flight the configuration stays until a later release or the stop).
 * Their threads are works of the adapter instance's work manager: a long-running one for the event loop, short
 * ones for connects and completions; a factory used outside a server (no adapter, no work manager) runs them on
 * daemon threads of its own, and keeps its links as long as it lives.
 *
 * <p>Sizing: in multiplexed mode the pool's {@code maxPoolSize} bounds handles, not sockets: a multiplexed
 * factory's ManagedConnections open no socket of their own. The sockets are {@code multiplexedConnections}
 * (default 2), each with at most {@code maxInFlight} requests (default 64) waiting; a handle's blocking
 * {@code request} goes over them too (and waits for its reply), while {@code send} and {@code receive}, which need a
 * socket to themselves, are refused with a message naming {@code correlation}.
 *
 * <h2>A listener's links</h2>
 *
 * <p>With {@code listenerLinks}, the sockets belong to a listener instead: a client-mode listener of the same
 * deployment keeps them up, pairs the replies with its own {@code correlation} and hands every frame that answers
 * no request to its message-driven bean, which is how a bean binds to a host's unsolicited frames. The factory finds
 * the listener's sessions through the adapter it is associated with ({@link io.github.tcpadapter.api.TcpSessions},
 * whose registry the deployment owns, so that it works on WildFly's per-definition instances too) and sends each
 * request on one of them with {@link io.github.tcpadapter.api.TcpSession#requestAsync}; its handles own no socket.
 */
package io.github.tcpadapter.outbound;
