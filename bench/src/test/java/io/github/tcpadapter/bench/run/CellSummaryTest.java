package io.github.tcpadapter.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CellSummaryTest {

    @Test
    void percentilesComeFromTheMergedHistogramsNotFromTheMeanOfTheRepetitionsPercentiles() {
        // 1,000 fast requests in one repetition, 10 slow ones in the other: the mean of the p99s would be 5,050 µs,
        // while 99% of all the requests took 100 µs
        CellSummary row = CellSummary.of(List.of(
                Cells.measurement("inbound", "s", 1, 1, 100, 1_000, 0),
                Cells.measurement("inbound", "s", 1, 2, 10_000, 10, 0)));

        assertThat(row.p99us()).isEqualTo(100);
        assertThat(row.p50us()).isEqualTo(100);
        assertThat(row.rps()).isCloseTo(505, within(0.5));
        assertThat(row.minRps()).isCloseTo(10, within(0.5));
        assertThat(row.maxRps()).isCloseTo(1_000, within(0.5));
    }

    @Test
    void theMergedTailIsTheTailOfAllTheRequests() {
        Histogram mixed = new Histogram(60_000_000L, 3);
        mixed.recordValueWithCount(100, 50);
        mixed.recordValueWithCount(20_000, 50);

        CellSummary row = CellSummary.of(List.of(Cells.measurement("inbound", "s", 1, 1, 100, 100, 0),
                Cells.measurement("inbound", "s", 1, 2, mixed, 0)));

        // 150 requests, 50 of them slow: p99 is slow, p50 fast
        assertThat(row.p99us()).isCloseTo(20_000, within(20.0));
        assertThat(row.p50us()).isEqualTo(100);
    }

    @Test
    void theHistogramSurvivesTheResultLine() {
        Measurement measurement = Cells.measurement("outbound", "s", 8, 1, 1_234, 77, 0);

        assertThat(measurement.latencies().getTotalCount()).isEqualTo(77);
        assertThat(measurement.latencies().getValueAtPercentile(50)).isCloseTo(1_234, within(2L));
    }

    @Test
    void aRowIsBrokenIfAnyRepetitionIsAndHasNoRatio() {
        CellSummary broken = CellSummary.of(List.of(Cells.measurement("inbound", "s", 1_000, 1, 100, 1_000, 0),
                Cells.measurement("inbound", "s", 1_000, 2, 100, 10, 990)));
        CellSummary limit = CellSummary.of(List.of(Cells.measurement("inbound", "l", 1_000, 1, 100, 1_000, 0)));

        assertThat(broken.broken()).isTrue();
        assertThat(broken.silent()).isEqualTo(990);
        assertThat(broken.ratioTo(limit)).isNaN();
        assertThat(limit.ratioTo(broken)).isNaN();
        assertThat(limit.ratioTo(limit)).isEqualTo(1.0);
    }
}
