package io.github.tcpadapter.bench.load;

import io.github.tcpadapter.bench.server.ResultLine;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one measured window of closed-loop load, and the single JSON line that a load main prints on
 * stdout for the orchestrator ({@link ResultLine}).
 *
 * @param latencies the latencies in microseconds of the window's correct replies, one value per request
 * @param seconds the measured window's length
 * @param errors the wrong replies and failed calls (see each main for which phases count)
 * @param connections the concurrent connections, or callers, that made the load
 * @param outstanding the requests sent and still unanswered when the window ended
 * @param silent the connections, or callers, that got no answer in the window
 */
public record Result(Histogram latencies, double seconds, long errors, int connections, long outstanding,
        long silent) {

    /** Highest latency a histogram must hold: well above the 10 s after which a run is declared stalled. */
    private static final long HIGHEST_TRACKABLE_MICROS = 60_000_000L;

    /** @return an empty latency histogram in microseconds with 3 significant digits, as every load main uses */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
    }

    /** @return the result as one line of JSON, numbers in a locale-independent format */
    public String toJson() {
        return ResultLine.json(latencies, seconds, errors, connections, outstanding, silent);
    }
}
