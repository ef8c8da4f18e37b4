/**
 * Multiplexed outbound requests: many {@code requestAsync} requests in flight on each of a few sockets that a
 * factory configuration shares between all its handles.
 *
 * <p>A {@link io.github.tcpadapter.outbound.multiplex.Multiplexer} holds a configuration's
 * {@code multiplexedConnections} {@link io.github.tcpadapter.outbound.multiplex.Link}s, opened on first use. The
 * sockets are connected by the same connector as the pooled connections (failover over the host list, name lookups
 * and connect timeouts) on a short work, then handed to one Netty event loop per configuration (NIO: Netty's NIO
 * channel adopts a JDK socket; epoll cannot), whose thread is a long-running work of the adapter's work manager.
 * With {@code ssl=true} a Netty {@code SslHandler} over the factory's client engine (SNI, host name verification,
 * {@code sslHandshakeTimeoutMillis}) secures the socket before the link sends anything; a failed handshake fails
 * the link's waiting requests with the reason in an operator's words, puts that host last in the failover order
 * for {@code retryIntervalMillis}, and the link tries again. Frames are cut with
 * the factory's own framing.
 *
 * <p>Replies are paired with requests in order (a FIFO per socket) or by a key a
 * {@link io.github.tcpadapter.api.TcpCorrelation} reads from both (a map per socket; a duplicate key in flight on
 * any socket is refused unwritten). A pending request holds no thread: a scheduled timeout on the event loop and a
 * place in the FIFO or map. At most {@code maxInFlight} per socket: when every socket is full a request fails at
 * once rather than wait, because waiting would hold the caller's thread (or queue without bound) and only the caller
 * knows whether to retry, shed or slow down.
 *
 * <p>Timeouts are not symmetric. By key, a request that times out is forgotten and its key remembered (at most
 * {@code maxInFlight} per socket), so its late reply is counted as late and dropped, and the socket stays in use for
 * everyone. In order, nothing tells a late reply from the next one: the socket is closed and opened again, failing
 * the requests behind the one that timed out. A lost socket (peer close, reset, invalid frame) fails all its requests
 * at once, with the cause, and reconnects with backoff. A peer that does not read cannot grow memory: Netty's
 * outbound buffer stops at its high-water mark (64 KiB), requests then wait unwritten, counted in
 * {@code maxInFlight}, until their timeout fails them.
 *
 * <p>Stages complete on {@link io.github.tcpadapter.conversation.CompletionWorks}: at most four works per
 * configuration drain the completions, so a slow callback holds one of them, not the event loop nor the others.
 */
package io.github.tcpadapter.outbound.multiplex;
