/**
 * The inbound side: one TCP listener per message-driven bean activation, on Netty. This package holds the listener,
 * its activation spec and settings, its lifecycle and its management; the handlers of a connection are split by
 * concern, the way Netty splits its own: {@link io.github.tcpadapter.inbound.admission} (who may connect, PROXY
 * header, TLS opening), {@link io.github.tcpadapter.inbound.flow} (backpressure),
 * {@link io.github.tcpadapter.inbound.delivery} (ordered calls of the bean),
 * {@link io.github.tcpadapter.inbound.session} (the sessions beans see) and
 * {@link io.github.tcpadapter.inbound.capture} (frame captures).
 *
 * <h2>Threads</h2>
 * Every thread is the server's. A listener has {@code ioThreads} Netty event loops ({@link ListenerLoops}, one per
 * processor by default), which accept and do all I/O of its connections, each connection on one loop; each loop runs
 * as one long-running {@code WorkManager} work, started through an {@code Executor}
 * ({@link io.github.tcpadapter.inbound.delivery.NamedWorks}). Netty's own multi-loop groups are not used: they signal
 * their termination on a global thread of Netty's, outside the work manager. By default the bean is called from short
 * delivery works, never on an event loop, so a slow bean cannot stall anybody's I/O; {@code delivery=INLINE} calls it
 * on the loop instead, guarded by {@link io.github.tcpadapter.inbound.delivery.InlineGuard}. While a thread runs a
 * listener's work it is named {@code tcp-listener-<port>-io-<n>} or {@code tcp-listener-<port>-delivery-<n>} (the
 * server's name is restored afterwards), which makes the listener's threads countable.
 *
 * <h2>Faults</h2>
 * Bytes that break the framing close that connection with one log line naming the peer. A bean that throws is logged
 * with the peer and the exception; repeated events are summed up once per 10 s per listener
 * ({@link io.github.tcpadapter.metrics.SummarizedLog}); {@code onError} then closes the connection ({@code CLOSE}) or
 * goes on ({@code CONTINUE}). {@code maxConnections} refuses (closes at once, logged) connections beyond the limit;
 * {@code idleTimeoutMillis} closes connections silent for that long while the bean has nothing of theirs to do, and
 * those whose client has read nothing of their replies for that long (without it, such a client holds one delivery
 * until it reads or the listener stops). A client that shuts its output down gets the replies to all it sent, then
 * the connection is closed.
 *
 * <h2>Shutdown</h2>
 * {@code endpointDeactivation} calls {@link InboundListener#stop()}: close the server channel (the port is free at
 * once), stop reading from every connection, wait until the queued frames are delivered and answered (bounded by
 * {@code shutdownTimeoutMillis}), close the connections (their {@code onDisconnect} calls run within the same bound),
 * end the event loops, and return once every work has handed its thread back. Netty's per-thread caches are cleared
 * when a work ends, so pooled server threads keep nothing of the adapter. A server may stop handing out endpoints
 * before it deactivates us (Payara does, as soon as undeployment begins): then only the calls already inside the bean
 * finish, and the frames still queued and the {@code onDisconnect} calls are skipped (logged at {@code FINE}); their
 * clients get no reply, so no frame is answered without having been processed.
 */
package io.github.tcpadapter.inbound;
