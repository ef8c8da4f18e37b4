package io.github.tcpadapter.bench.run;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One row of a table: a subject at one load and frame size over the repetitions. Requests/s is the mean of the
 * repetitions with their range; p50 and p99 come from the repetitions' histograms merged into one (a percentile of
 * all the requests, not a mean of percentiles). The row is broken if any repetition was ({@link Broken}).
 *
 * @param rps the mean of the repetitions' requests/s
 * @param minRps the lowest repetition's
 * @param maxRps the highest repetition's
 * @param p50us the median of the merged histogram, µs
 * @param p99us the 99th percentile of the merged histogram, µs
 * @param broken whether a repetition was broken
 * @param silent the most connections that got no answer in one repetition
 * @param connections the cell's connections, or callers
 * @param errors the failed calls over the repetitions
 */
record CellSummary(double rps, double minRps, double maxRps, double p50us, double p99us, boolean broken,
        long silent, int connections, long errors) {

    /**
     * @param repetitions the measurements of one subject, load and frame size; at least one
     * @return their row
     */
    static CellSummary of(List<Measurement> repetitions) {
        if (repetitions.isEmpty()) {
            throw new IllegalArgumentException("no measurement");
        }
        Histogram merged = new Histogram(3); // resizes to what the repetitions hold
        for (Measurement measurement : repetitions) {
            merged.add(measurement.latencies());
        }
        return new CellSummary(
                repetitions.stream().mapToDouble(m -> m.figures().get("rps")).average().orElseThrow(),
                repetitions.stream().mapToDouble(m -> m.figures().get("rps")).min().orElseThrow(),
                repetitions.stream().mapToDouble(m -> m.figures().get("rps")).max().orElseThrow(),
                merged.getValueAtPercentile(50), merged.getValueAtPercentile(99),
                repetitions.stream().anyMatch(Measurement::broken),
                repetitions.stream().mapToLong(Measurement::silent).max().orElseThrow(),
                repetitions.get(0).load(),
                repetitions.stream().mapToLong(m -> (long) m.figures().get("errors")).sum());
    }

    /**
     * @param limit the limit's row at the same load and size
     * @return this rate over the limit's, or NaN when either row is broken or the limit measured nothing
     */
    double ratioTo(CellSummary limit) {
        return broken || limit.broken || limit.rps <= 0 ? Double.NaN : rps / limit.rps;
    }
}
