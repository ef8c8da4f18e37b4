package io.github.tcpadapter.bench.server;

import org.HdrHistogram.Histogram;

/** The figures of one measured cell, as the run reads them: one line of JSON. */
record Cell(Histogram latencies, double seconds, long errors, int callers) {

    String toJson() {
        long requests = latencies.getTotalCount();
        return String.format(java.util.Locale.ROOT,
                "{\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50us\":%.1f,\"p99us\":%.1f,\"errors\":%d,"
                        + "\"connections\":%d}",
                requests, seconds, requests / seconds, (double) latencies.getValueAtPercentile(50),
                (double) latencies.getValueAtPercentile(99), errors, callers);
    }
}
