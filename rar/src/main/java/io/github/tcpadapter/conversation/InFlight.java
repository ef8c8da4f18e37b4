package io.github.tcpadapter.conversation;

import java.util.concurrent.atomic.AtomicInteger;

/** The bound on requests in flight ({@code maxInFlight}) that a factory's links and a listener's sessions share. */
public final class InFlight {

    private InFlight() {
    }

    /**
     * Reserves a place for one more request, without a lock: any thread.
     *
     * @param count the requests in flight now
     * @param max how many may be
     * @return whether the place was taken; {@code false} leaves {@code count} as it was
     */
    public static boolean tryReserve(AtomicInteger count, int max) {
        int now;
        while ((now = count.get()) < max) {
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }
}
