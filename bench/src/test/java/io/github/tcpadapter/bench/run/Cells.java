package io.github.tcpadapter.bench.run;

import io.github.tcpadapter.bench.server.ResultLine;
import org.HdrHistogram.Histogram;

/** Measurements for the tests, made as the run makes them: from a result line. */
final class Cells {

    private Cells() {
    }

    /**
     * @param latencyMicros the latency of every request
     * @param requests how many requests, in one second
     * @param silent the connections that never got an answer
     */
    static Measurement measurement(String direction, String subject, int load, int repetition, long latencyMicros,
            int requests, long silent) {
        Histogram latencies = new Histogram(60_000_000L, 3);
        latencies.recordValueWithCount(latencyMicros, requests);
        return measurement(direction, subject, load, repetition, latencies, silent);
    }

    static Measurement measurement(String direction, String subject, int load, int repetition, Histogram latencies,
            long silent) {
        return new Measurement(direction, subject, load, 64, repetition,
                Figures.parse(ResultLine.json(latencies, 1.0, 0, load, 0, silent)));
    }
}
