package io.github.tcpadapter.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * interval has passed, so it is still tried when every other target fails too. One per configuration in use, shared
 * by its factories and connections (see {@link FactoryManagement}). Thread-safe.
 */
final class HostSelector {

    private final List<Target> targets;
    private final boolean loadBalance;
    private final long retryIntervalNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger next = new AtomicInteger();
    private final Map<Target, Failure> failures = new ConcurrentHashMap<>();

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

    /**
     * Records a failed connection attempt: the target goes to the back for the retry interval.
     *
     * @param reason why, for operators
     */
    void failed(Target target, String reason) {
        failures.put(target, new Failure(nanoClock.getAsLong(), Instant.now(), reason));
    }

    /** Records a successful connection: the target is in the normal order again. */
    void succeeded(Target target) {
        failures.remove(target);
    }

    /** @return how many targets are in their retry interval */
    int resting() {
        long now = nanoClock.getAsLong();
        return (int) targets.stream().filter(target -> isResting(target, now)).count();
    }

    /** @return how many targets there are */
    int size() {
        return targets.size();
    }

    /** @return one line per target, in the configured order: up, backing off until when, or failed when */
    List<String> states() {
        long now = nanoClock.getAsLong();
        List<String> states = new ArrayList<>(targets.size());
        for (Target target : targets) {
            Failure failure = failures.get(target);
            if (failure == null) {
                states.add(target + " up");
            } else if (now - failure.nanos() < retryIntervalNanos) {
                Instant until = Instant.now().plus(Duration.ofNanos(retryIntervalNanos - (now - failure.nanos())));
                states.add(target + " backing off until " + until.truncatedTo(ChronoUnit.MILLIS) + " ("
                        + failure.reason() + ")");
            } else {
                states.add(target + " failed at " + failure.at().truncatedTo(ChronoUnit.MILLIS) + " ("
                        + failure.reason() + ")");
            }
        }
        return states;
    }

    private boolean isResting(Target target, long now) {
        Failure failure = failures.get(target);
        return failure != null && now - failure.nanos() < retryIntervalNanos;
    }

    /** A target's last failed attempt. */
    private record Failure(long nanos, Instant at, String reason) {
    }
}
