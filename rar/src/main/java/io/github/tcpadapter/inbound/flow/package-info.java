/**
 * Flow: backpressure, so that received bytes wait in the client's socket rather than in the server's memory.
 *
 * <h2>Backpressure</h2>
 * When {@code maxPendingFrames} frames of a connection wait for the bean, the listener turns {@code autoRead} off for
 * that connection: the bytes already read stay undecoded in {@link FrameDecoderHandler}, the kernel buffers fill, and
 * TCP flow control blocks the client. As soon as a frame is taken for delivery, reading resumes. So per connection at
 * most {@code maxPendingFrames} frames, one read's bytes and the socket buffers are held, never an unbounded queue.
 * Across the listener, {@link ByteBudget} bounds the received bytes of all connections together
 * ({@code maxPendingBytes}): over it, the connections holding more than their share stop being read. A read takes at
 * most 16 KiB, which bounds what a connection adds before it is paused.
 *
 * <p>A client that does not read its replies holds nothing that others need. A reply is queued on the channel without
 * waiting; once the channel's outbound buffer passes Netty's high-water mark, that connection is neither read nor
 * delivered (its work moves on to other connections) until the client makes room, and a client that makes none for
 * {@code writeTimeoutMillis} is closed as a slow consumer, which also frees every bean waiting in
 * {@code TcpSession.send} for it. {@code sendAsync} never waits.
 */
package io.github.tcpadapter.inbound.flow;
