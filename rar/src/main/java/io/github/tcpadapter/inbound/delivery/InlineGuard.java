package io.github.tcpadapter.inbound.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a listener with {@code delivery=INLINE} calls its bean on the I/O thread now. A call that takes longer than
 * {@code inlineMaxMillis} (seen when it returns, or by {@link #watch} while it still runs) sends the listener's
 * calls to delivery works for a while: 1 s, doubling with each further slow call up to 1 min, back to 1 s after
 * 10 min without one. The slow call itself holds its event loop, and the connections on it, until it returns: the
 * guard only keeps the next calls from doing the same.
 */
public final class InlineGuard {

    private static final Logger LOG = Logger.getLogger(InlineGuard.class.getName());
    private static final long FIRST_HANDOFF_MILLIS = 1_000;
    private static final long MAX_HANDOFF_MILLIS = 60_000;
    private static final long FORGET_MILLIS = 600_000;

    private final long maxNanos;
    private final long maxMillis;
    private final String listenerName;
    private final LongSupplier clock;
    // the connections (their queues) whose calls run on an I/O thread now, and since when
    private final Map<Object, Long> running = new ConcurrentHashMap<>();
    private volatile long inlineAgainAt;
    private volatile boolean handingOff;
    // guarded by this
    private long handOffMillis;
    private long lastSlowAt;
    private long fallbacks;

    /**
     * @param maxMillis how long a call on the I/O thread may take before the calls are handed off
     * @param listenerName the listener, for the log
     */
    public InlineGuard(long maxMillis, String listenerName) {
        this(maxMillis, listenerName, System::nanoTime);
    }

    InlineGuard(long maxMillis, String listenerName, LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.maxMillis = maxMillis;
        this.maxNanos = TimeUnit.MILLISECONDS.toNanos(maxMillis);
        this.listenerName = listenerName;
    }

    /** @return whether calls may run on the I/O thread now */
    boolean allows() {
        if (!handingOff) {
            return true;
        }
        if (clock.getAsLong() - inlineAgainAt < 0) {
            return false;
        }
        handingOff = false;
        LOG.fine(() -> listenerName + ": calling the bean on the I/O threads again");
        return true;
    }

    /**
     * @param queue the connection whose calls start on the I/O thread; named in the log
     * @return when they started
     */
    long started(Object queue) {
        long now = clock.getAsLong();
        running.put(queue, now);
        return now;
    }

    /** A call on the I/O thread that started at {@code startNanos} returned. */
    void ended(Object queue, long startNanos) {
        running.remove(queue);
        long took = clock.getAsLong() - startNanos;
        if (took > maxNanos) {
            slow(queue, TimeUnit.NANOSECONDS.toMillis(took), "took");
        }
    }

    /** Periodically, from the listener's timer: hands off at once while a call on an I/O thread runs too long. */
    public void watch() {
        long now = clock.getAsLong();
        running.forEach((queue, start) -> {
            if (now - start > maxNanos) {
                slow(queue, TimeUnit.NANOSECONDS.toMillis(now - start), "has been running for");
            }
        });
    }

    /** @return how often the calls were handed off for a slow call */
    public synchronized long fallbacks() {
        return fallbacks;
    }

    private void slow(Object queue, long millis, String how) {
        long handOff;
        synchronized (this) {
            long now = clock.getAsLong();
            if (handingOff && now - inlineAgainAt < 0) {
                return; // this slow call was seen already, or another one was: one fallback at a time
            }
            boolean forgotten = fallbacks == 0
                    || now - lastSlowAt > TimeUnit.MILLISECONDS.toNanos(FORGET_MILLIS);
            handOffMillis = forgotten ? FIRST_HANDOFF_MILLIS : Math.min(MAX_HANDOFF_MILLIS, handOffMillis * 2);
            handOff = handOffMillis;
            lastSlowAt = now;
            fallbacks++;
            inlineAgainAt = now + TimeUnit.MILLISECONDS.toNanos(handOff);
            handingOff = true;
        }
        LOG.log(Level.WARNING, () -> listenerName + ": a call of the bean for " + queue + " " + how + " " + millis
                + " ms on an I/O thread (inlineMaxMillis " + maxMillis + "); delivering on works for " + handOff
                + " ms");
    }
}
