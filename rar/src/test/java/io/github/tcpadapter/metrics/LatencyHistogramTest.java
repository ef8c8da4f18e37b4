package io.github.tcpadapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void nothingRecordedIsZero() {
        assertThat(new LatencyHistogram().percentile(99)).isZero();
        assertThat(new LatencyHistogram().count()).isZero();
    }

    @Test
    void percentilesAreWithinABucketOfTheTruth() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int micros = 1; micros <= 1_000; micros++) {
            histogram.record(micros);
        }
        assertThat(histogram.percentile(50)).isBetween(500L, 500L * 5 / 4);
        assertThat(histogram.percentile(99)).isBetween(990L, 990L * 5 / 4);
        assertThat(histogram.percentile(100)).isBetween(1_000L, 1_000L * 5 / 4);
        assertThat(histogram.count()).isEqualTo(1_000);
    }

    @Test
    void smallAndHugeValuesLandInTheirBuckets() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(0);
        histogram.record(3);
        histogram.record(Long.MAX_VALUE);
        assertThat(histogram.percentile(1)).isEqualTo(1);
        assertThat(histogram.percentile(50)).isEqualTo(3);
        assertThat(histogram.percentile(100)).isPositive();
    }
}
