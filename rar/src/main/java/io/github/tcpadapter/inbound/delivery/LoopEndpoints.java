package io.github.tcpadapter.inbound.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * With {@code delivery=INLINE}: the endpoint each event loop calls the bean through, kept from one call to the next
 * rather than created and released per frame (a server's {@code createEndpoint} locks, loads classes and builds a
 * proxy). At most one per loop, so at most {@code ioThreads} per listener whatever its connections; released as its loop
 * ends, or after a call that failed.
 */
public final class LoopEndpoints {

    private final EndpointDelivery delivery;
    private final Map<Thread, EndpointDelivery.Lease> held = new ConcurrentHashMap<>();

    public LoopEndpoints(EndpointDelivery delivery) {
        this.delivery = delivery;
    }

    /** On an event loop: its lease, which takes an endpoint at its first call. */
    EndpointDelivery.Lease ofThisLoop() {
        return held.computeIfAbsent(Thread.currentThread(), loop -> delivery.lease());
    }

    /**
     * On an event loop that ends, after its last task: gives its endpoint back. A loop still in a call when the
     * listener stops does so when the call returns, not before: releasing the endpoint under the call would break
     * the bean's contract.
     */
    public void releaseThisLoops() {
        EndpointDelivery.Lease lease = held.remove(Thread.currentThread());
        if (lease != null) {
            lease.close();
        }
    }
}
