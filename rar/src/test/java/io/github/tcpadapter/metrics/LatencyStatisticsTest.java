package io.github.tcpadapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatencyStatisticsTest {

    private static final long SPIKE_MICROS = 2_000_000;

    // an arbitrary start, negative as System.nanoTime() may be
    private final AtomicLong nanos = new AtomicLong(-TimeUnit.DAYS.toNanos(3) + 12_345);
    private final LatencyStatistics latency = new LatencyStatistics(nanos::get);

    @Test
    void aSpikeShowsInTheLastMinuteUntilItPassesAndStaysInTheLifetimeFigures() {
        recordSteady(100, 100);
        recordSteady(1, SPIKE_MICROS);
        recordSteady(1, 100);
        assertThat(latency.lastMinutePercentile(100)).isGreaterThanOrEqualTo(SPIKE_MICROS);

        advanceSeconds(54);
        recordSteady(100, 100);
        assertThat(latency.lastMinutePercentile(100)).as("54 s later").isGreaterThanOrEqualTo(SPIKE_MICROS);

        advanceSeconds(6);
        recordSteady(100, 100);
        assertThat(latency.lastMinutePercentile(100)).as("60 s later").isLessThan(200);
        assertThat(latency.percentile(100)).as("lifetime").isGreaterThanOrEqualTo(SPIKE_MICROS);
        assertThat(latency.count()).isEqualTo(302);
    }

    @Test
    void aSpikeAfterDaysOfSteadyTrafficMovesTheLastMinutesP99NotTheLifetimes() {
        for (int hour = 0; hour < 72; hour++) {
            recordSteady(1_000, 100);
            advanceSeconds(3_600);
        }
        recordSteady(10, SPIKE_MICROS);
        recordSteady(90, 100);

        assertThat(latency.lastMinutePercentile(99)).isGreaterThanOrEqualTo(SPIKE_MICROS);
        assertThat(latency.lastMinutePercentile(50)).isLessThan(200);
        assertThat(latency.percentile(99)).isLessThan(200);
    }

    @Test
    void aQuietLastMinuteIsZero() {
        assertThat(latency.lastMinutePercentile(99)).isZero();
        recordSteady(10, 100);
        advanceSeconds(3_600);
        assertThat(latency.lastMinutePercentile(99)).isZero();
        assertThat(latency.percentile(99)).isPositive();
    }

    private void recordSteady(int count, long micros) {
        for (int i = 0; i < count; i++) {
            latency.recordSince(nanos.get() - TimeUnit.MICROSECONDS.toNanos(micros));
        }
    }

    private void advanceSeconds(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
}
