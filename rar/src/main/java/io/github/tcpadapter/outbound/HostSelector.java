package io.github.tcpadapter.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Decides in which order connection attempts try the configured targets: in the configured order, or starting
 * one further each time with load balancing. A target that failed goes to the back of the order until its retry
 * interval has passed, so it is still tried when every other target fails too. Thread-safe.
 */
final class HostSelector {

    // one per configuration, so that every factory instance with the same targets shares what failed
    private static final Map<List<Object>, HostSelector> SHARED = new ConcurrentHashMap<>();

    private final List<Target> targets;
    private final boolean loadBalance;
    private final long retryIntervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Target, Long> failedAt = new ConcurrentHashMap<>();

    /**
     * @param targets the configured targets, at least one
     * @param loadBalance whether to rotate the first target tried
     * @param retryIntervalMillis how long a failed target goes to the back of the order
     * @param nanoClock the time, as {@link System#nanoTime()}
     */
    HostSelector(List<Target> targets, boolean loadBalance, long retryIntervalMillis, LongSupplier nanoClock) {
        this.targets = List.copyOf(targets);
        this.loadBalance = loadBalance;
        this.retryIntervalNanos = TimeUnit.MILLISECONDS.toNanos(retryIntervalMillis);
        this.nanoClock = nanoClock;
    }

    /** @return the selector every factory with this configuration uses */
    static HostSelector shared(List<Target> targets, boolean loadBalance, long retryIntervalMillis) {
        return SHARED.computeIfAbsent(List.of(targets, loadBalance, retryIntervalMillis),
                key -> new HostSelector(targets, loadBalance, retryIntervalMillis, System::nanoTime));
    }

    /** @return every target, in the order to try them: those in their retry interval last */
    List<Target> order() {
        int first = loadBalance ? Math.floorMod(next.getAndIncrement(), targets.size()) : 0;
        List<Target> ready = new ArrayList<>(targets.size());
        List<Target> resting = new ArrayList<>();
        long now = nanoClock.getAsLong();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get((first + i) % targets.size());
            (isResting(target, now) ? resting : ready).add(target);
        }
        ready.addAll(resting);
        return ready;
    }

    /** Records a failed connection attempt: the target goes to the back for the retry interval. */
    void failed(Target target) {
        failedAt.put(target, nanoClock.getAsLong());
    }

    /** Records a successful connection: the target is in the normal order again. */
    void succeeded(Target target) {
        failedAt.remove(target);
    }

    private boolean isResting(Target target, long now) {
        Long failed = failedAt.get(target);
        return failed != null && now - failed < retryIntervalNanos;
    }
}
