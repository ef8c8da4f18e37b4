package io.github.tcpadapter.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The durations of the last minute: a ring of {@value #SLICES} histograms of {@value #SLICE_SECONDS} s each. The
 * window is the current slice and the {@value #SLICES} - 1 before it, so a duration counts for 55 to 60 s. Counting
 * takes no lock: the first duration of a new slice swaps a fresh histogram into the slot the slice ended 60 s
 * earlier left (one compare-and-set per slot and slice); a thread that still counts into the old one then loses
 * that duration, once.
 */
final class LatencyWindow {

    static final int SLICES = 12;
    static final long SLICE_SECONDS = 5;
    private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(SLICE_SECONDS);

    private final LongSupplier nanoClock;
    private final AtomicReferenceArray<Slice> slices = new AtomicReferenceArray<>(SLICES);

    /** @param nanoClock the time, as {@link System#nanoTime()}, for reading the window */
    LatencyWindow(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Counts one duration in the slice of {@code nowNanos}.
     *
     * @param nowNanos the time it ended, as the clock gives it
     */
    void record(long micros, long nowNanos) {
        long number = Math.floorDiv(nowNanos, SLICE_NANOS);
        int index = Math.floorMod(number, SLICES);
        Slice slice = slices.get(index);
        while (slice == null || slice.number() < number) {
            Slice fresh = new Slice(number, new LatencyHistogram());
            slice = slices.compareAndSet(index, slice, fresh) ? fresh : slices.get(index);
        }
        slice.histogram().record(micros);
    }

    /** @return the value at or below which {@code percent} % of the window's durations are; 0 if it has none */
    long percentile(double percent) {
        long now = Math.floorDiv(nanoClock.getAsLong(), SLICE_NANOS);
        long[] sums = new long[LatencyHistogram.BUCKETS];
        for (int i = 0; i < SLICES; i++) {
            Slice slice = slices.get(i);
            if (slice != null && now - slice.number() < SLICES) {
                slice.histogram().addTo(sums);
            }
        }
        return LatencyHistogram.percentile(sums, percent);
    }

    /** One slice of time and the durations counted in it. */
    private record Slice(long number, LatencyHistogram histogram) {
    }
}
