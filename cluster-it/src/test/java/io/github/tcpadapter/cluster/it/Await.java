package io.github.tcpadapter.cluster.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: every wait of the harness is bounded. */
final class Await {

    private static final long POLL_MILLIS = 100;

    private Await() {
    }

    /**
     * @return how long it took
     * @throws IllegalStateException with the message if the condition does not hold within the time
     */
    static Duration until(Duration timeout, BooleanSupplier condition, Supplier<String> message) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(message.get());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting: " + message.get(), e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
