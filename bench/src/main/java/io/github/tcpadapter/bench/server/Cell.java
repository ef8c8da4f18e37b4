package io.github.tcpadapter.bench.server;

import org.HdrHistogram.Histogram;

/**
 * The figures of one measured cell, as the run reads them: one line of JSON ({@link ResultLine}).
 *
 * @param outstanding calls still running when the window ended
 * @param silent callers that got no answer in the window
 */
record Cell(Histogram latencies, double seconds, long errors, int callers, long outstanding, long silent) {

    String toJson() {
        return ResultLine.json(latencies, seconds, errors, callers, outstanding, silent);
    }
}
