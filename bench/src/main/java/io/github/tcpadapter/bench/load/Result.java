package io.github.tcpadapter.bench.load;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one measured window of closed-loop load, and the single JSON line that a load main prints on
 * stdout for the orchestrator.
 *
 * @param requests the replies received, correct, within the measured window
 * @param seconds the measured window's length
 * @param p50us the median latency in microseconds
 * @param p99us the 99th-percentile latency in microseconds
 * @param errors the wrong replies and failed calls (see each main for which phases count)
 * @param connections the concurrent connections, or callers, that made the load
 */
public record Result(long requests, double seconds, double p50us, double p99us, long errors, int connections) {

    /** Highest latency a histogram must hold: well above the 10 s after which a run is declared stalled. */
    private static final long HIGHEST_TRACKABLE_MICROS = 60_000_000L;

    /** @return an empty latency histogram in microseconds with 3 significant digits, as every load main uses */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
    }

    /**
     * @param latenciesMicros the latencies of the window's correct replies, one value per request
     * @param seconds the window's length
     * @param errors the errors to report
     * @param connections the concurrent connections, or callers
     * @return the result, its request count being the histogram's
     */
    public static Result of(Histogram latenciesMicros, double seconds, long errors, int connections) {
        return new Result(latenciesMicros.getTotalCount(), seconds, latenciesMicros.getValueAtPercentile(50.0),
                latenciesMicros.getValueAtPercentile(99.0), errors, connections);
    }

    /** @return requests per second over the measured window */
    public double rps() {
        return requests / seconds;
    }

    /** @return the result as one line of JSON, numbers in a locale-independent format */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50us\":%.1f,\"p99us\":%.1f,\"errors\":%d,"
                        + "\"connections\":%d}",
                requests, seconds, rps(), p50us, p99us, errors, connections);
    }
}
