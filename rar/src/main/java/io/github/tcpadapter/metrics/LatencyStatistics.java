package io.github.tcpadapter.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The time one kind of work takes (a delivery, a request): percentiles since the start, and over the last minute
 * so that a recent spike shows after days of steady traffic. Counting takes no lock.
 */
public final class LatencyStatistics {

    private final LatencyHistogram lifetime = new LatencyHistogram();
    private final LongSupplier nanoClock;
    private final LatencyWindow lastMinute;

    public LatencyStatistics() {
        this(System::nanoTime);
    }

    /** @param nanoClock the time, as {@link System#nanoTime()} */
    public LatencyStatistics(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastMinute = new LatencyWindow(nanoClock);
    }

    /**
     * Counts the duration from {@code startNanos} to now; one clock read serves the duration and the window.
     *
     * @param startNanos when the work started, as the clock ({@link System#nanoTime()}) gave it
     */
    public void recordSince(long startNanos) {
        long now = nanoClock.getAsLong();
        long micros = TimeUnit.NANOSECONDS.toMicros(now - startNanos);
        lifetime.record(micros);
        lastMinute.record(micros, now);
    }

    /** @return how many durations were counted since the start */
    public long count() {
        return lifetime.count();
    }

    /** @return the value at or below which {@code percent} % of the durations since the start are; 0 if none */
    public long percentile(double percent) {
        return lifetime.percentile(percent);
    }

    /**
     * @return the value at or below which {@code percent} % of the last minute's durations are (55 to 60 s, in
     *     steps of 5 s); 0 if none
     */
    public long lastMinutePercentile(double percent) {
        return lastMinute.percentile(percent);
    }
}
