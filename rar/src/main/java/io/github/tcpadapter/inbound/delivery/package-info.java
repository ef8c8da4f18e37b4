/**
 * Delivery: the calls of the bean, one connection's in order, several connections' in parallel, each on a work of the
 * server.
 *
 * <h2>Ordering</h2>
 * Each connection has a {@link ConnectionQueue}: {@code onConnect}, the frames in arrival order,
 * {@code onDisconnect}. At most one work drains a queue at a time, so the calls of one connection never overlap and
 * never reorder; a reply is written (queued on the channel, in order) before the next frame of that connection is
 * delivered. Different connections run in parallel, at most {@code maxConcurrency} at once when set
 * ({@link DeliveryScheduler}, round robin in batches so one busy connection cannot starve the others).
 *
 * <p>The server's pool of bean instances is a limit too, and Payara enforces it by refusing an endpoint at once (32
 * instances by default) instead of waiting for one. {@code createEndpoint(XAResource, long timeout)} does not help:
 * Payara's {@code ConnectorMessageBeanClient} waits up to the timeout only while the endpoint factory itself is not
 * ready yet (during deployment), then fails at once all the same when the pool is full. So a call refused while the
 * listener runs stays due: its queue waits at the head of the line for one of the listener's other deliveries to take
 * it up (they hold the beans), the refused work ends, and the listener's limit drops to the works still running, so
 * it settles at the pool's size. With no other delivery running the queue is retried after a backoff (5 ms doubling
 * to 1 s); a thread the work manager refuses is treated the same way. After 4 × limit batches without a refusal the
 * limit climbs by half again, up to {@code maxConcurrency}: a limit lowered under stress recovers. No client is
 * closed for a refusal while the listener runs.
 */
package io.github.tcpadapter.inbound.delivery;
