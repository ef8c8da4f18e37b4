/**
 * The inbound side: one TCP listener per message-driven bean activation, on Netty.
 *
 * <h2>Threads</h2>
 * Every thread is the server's. A listener has one Netty event loop, which accepts and does all I/O of its
 * connections; it runs as one long-running {@code WorkManager} work, started through an {@code Executor}
 * ({@link io.github.tcpadapter.inbound.NamedWorks}). The bean is called from short delivery works, never on the
 * event loop, so a slow bean cannot stall anybody's I/O. One loop rather than a boss and several workers: I/O is
 * cheap next to the deliveries (the benchmark measured the same frames/s with one loop as with 1 + 2 on two
 * cores), each listener then pins one pooled thread only, and Netty's multi-loop groups signal their termination
 * on a global thread of Netty's own, outside the work manager. While a thread runs a listener's work it is named
 * {@code tcp-listener-<port>-io-<n>} or {@code tcp-listener-<port>-delivery-<n>} (the server's name is restored
 * afterwards), which makes the listener's threads countable.
 *
 * <h2>Opening a connection</h2>
 * A client outside {@code allowedClients}, or whose address holds {@code maxConnectionsPerAddress} connections
 * already ({@link io.github.tcpadapter.inbound.ConnectionsPerAddress}), is closed as it is accepted, before anything
 * is read. Otherwise, when the connection needs opening (a PROXY protocol header first from a trusted balancer, a TLS
 * handshake, or both),
 * {@link io.github.tcpadapter.inbound.ConnectionOpening} holds it back from the bean:
 * {@link io.github.tcpadapter.inbound.ProxyHeaderDetector} decides within the first bytes whether a load balancer's
 * header comes (only from {@code proxyTrustedAddresses}), Netty decodes it, the client's real address then passes
 * the allowlist, Netty's {@code SslHandler} runs the handshake with an engine from
 * {@link io.github.tcpadapter.tls.TlsContext} (its heavy tasks on the server's threads through
 * {@link io.github.tcpadapter.inbound.HandshakeWorks}, at most {@code maxConcurrentHandshakes} at once, the
 * connection's reading held meanwhile by {@link io.github.tcpadapter.inbound.HandshakeReadHold}; a renegotiation
 * later is refused by {@link io.github.tcpadapter.inbound.RenegotiationGuard}), and only then is the connection made a session with its real address
 * and verified certificates, and its {@code channelActive} passed on to the handlers that serve it. All of it within
 * {@code sslHandshakeTimeoutMillis}; a connection that fails any step is closed, logged in summary with its address
 * and the reason, and never reaches the bean.
 *
 * <h2>Ordering</h2>
 * Each connection has a {@link io.github.tcpadapter.inbound.ConnectionQueue}: {@code onConnect}, the frames in
 * arrival order, {@code onDisconnect}. At most one work drains a queue at a time, so the calls of one connection
 * never overlap and never reorder; a reply is written (queued on the channel, in order) before the next frame of
 * that connection is delivered. Different connections run in parallel, at most {@code maxConcurrency} at once
 * when set ({@link io.github.tcpadapter.inbound.DeliveryScheduler}, round robin in batches so one busy connection
 * cannot starve the others).
 *
 * <p>The server's pool of bean instances is a limit too, and Payara enforces it by refusing an endpoint at once
 * (32 instances by default) instead of waiting for one. {@code createEndpoint(XAResource, long timeout)} does not
 * help: Payara's {@code ConnectorMessageBeanClient} waits up to the timeout only while the endpoint factory itself
 * is not ready yet (during deployment), then fails at once all the same when the pool is full. So a call refused
 * while the listener runs stays due: its queue waits at the head of the line for one of the listener's other
 * deliveries to take it up (they hold the beans), the refused work ends, and the listener's limit drops to the works
 * still running, so it settles at the pool's size. With no other delivery running the queue is retried after a
 * backoff (5 ms doubling to 1 s); a thread the work manager refuses is treated the same way. After 4 × limit batches
 * without a refusal the limit climbs by half again, up to {@code maxConcurrency}: a limit lowered under stress
 * recovers. No client is closed for a refusal while the listener runs.
 *
 * <h2>Backpressure</h2>
 * When {@code maxPendingFrames} frames of a connection wait for the bean, the listener turns {@code autoRead} off
 * for that connection: the bytes already read stay undecoded in
 * {@link io.github.tcpadapter.inbound.FrameDecoderHandler}, the kernel buffers fill, and TCP flow control blocks
 * the client. As soon as a frame is taken for delivery, reading resumes. So per connection at most
 * {@code maxPendingFrames} frames, one read's bytes and the socket buffers are held, never an unbounded queue.
 * Across the listener, {@link io.github.tcpadapter.inbound.ByteBudget} bounds the received bytes of all connections
 * together ({@code maxPendingBytes}): over it, the connections holding more than their share stop being read. A read
 * takes at most 16 KiB, which bounds what a
 * connection adds before it is paused.
 *
 * <p>A client that does not read its replies holds nothing that others need. A reply is queued on the channel
 * without waiting; once the channel's outbound buffer passes Netty's high-water mark, that connection is neither
 * read nor delivered (its work moves on to other connections) until the client makes room, and a client that makes
 * none for {@code writeTimeoutMillis} is closed as a slow consumer, which also frees every bean waiting in
 * {@code TcpSession.send} for it. {@code sendAsync} never waits.
 *
 * <h2>Faults</h2>
 * Bytes that break the framing close that connection with one log line naming the peer. A bean that throws is
 * logged with the peer and the exception; repeated events are summed up once per 10 s per listener
 * ({@link io.github.tcpadapter.inbound.SummarizedLog}); {@code onError} then closes the connection ({@code CLOSE}) or goes on
 * ({@code CONTINUE}). {@code maxConnections} refuses (closes at once, logged) connections beyond the limit;
 * {@code idleTimeoutMillis} closes connections silent for that long while the bean has nothing of theirs to do,
 * and those whose client has read nothing of their replies for that long (without it, such a client holds one
 * delivery until it reads or the listener stops).
 * A client that shuts its output down gets the replies to all it sent, then the connection is closed.
 *
 * <h2>Shutdown</h2>
 * {@code endpointDeactivation} calls {@link io.github.tcpadapter.inbound.InboundListener#stop()}: close the server
 * channel (the port is free at once), stop reading from every connection, wait until the queued frames are
 * delivered and answered (bounded by {@code shutdownTimeoutMillis}), close the connections (their
 * {@code onDisconnect} calls run within the same bound), end the event loop, and return once every work has
 * handed its thread back. Netty's per-thread caches are cleared when a work ends, so pooled server threads keep
 * nothing of the adapter. A server may stop handing out endpoints before it deactivates us (Payara does, as soon
 * as undeployment begins): then only the calls already inside the bean finish, and the frames still queued and
 * the {@code onDisconnect} calls are skipped (logged at {@code FINE}); their clients get no reply, so no frame is
 * answered without having been processed.
 */
package io.github.tcpadapter.inbound;
