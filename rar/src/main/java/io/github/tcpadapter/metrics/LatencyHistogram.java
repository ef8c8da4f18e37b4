package io.github.tcpadapter.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Durations in microseconds, counted without a lock into buckets of about 19% width (four per power of two), from
 * 1 µs to over an hour: cheap enough for every frame, precise enough for a p50 and a p99.
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKETS = 4;
    static final int BUCKETS = 64 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Counts one duration. */
    public void record(long micros) {
        counts.incrementAndGet(bucket(Math.max(1, micros)));
    }

    private static int bucket(long micros) {
        int power = 63 - Long.numberOfLeadingZeros(micros);
        int sub = power < 2 ? 0 : (int) ((micros >>> (power - 2)) & (SUB_BUCKETS - 1));
        return Math.min(BUCKETS - 1, power * SUB_BUCKETS + sub);
    }

    // the upper bound of a bucket's values
    private static long upperBound(int bucket) {
        int power = bucket / SUB_BUCKETS;
        int sub = bucket % SUB_BUCKETS;
        if (power < 2) {
            return (1L << (power + 1)) - 1;
        }
        return ((long) (SUB_BUCKETS + sub + 1) << (power - 2)) - 1;
    }

    /** @return how many durations were counted */
    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** @return the value at or below which {@code percent} % of the durations are; 0 if none was recorded */
    public long percentile(double percent) {
        long[] snapshot = new long[BUCKETS];
        addTo(snapshot);
        return percentile(snapshot, percent);
    }

    /** Adds this histogram's counts to {@code sums}, bucket by bucket: several histograms make one. */
    void addTo(long[] sums) {
        for (int i = 0; i < BUCKETS; i++) {
            sums[i] += counts.get(i);
        }
    }

    /**
     * @param snapshot counts per bucket, as {@link #addTo} gives them
     * @return the value at or below which {@code percent} % of the durations are; 0 if none was counted
     */
    static long percentile(long[] snapshot, double percent) {
        long total = 0;
        for (long count : snapshot) {
            total += count;
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }
}
