package io.github.tcpadapter.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The load generator's counters for one run: warmup, then the measured window, then stopped. Used only on the
 * generator's single event-loop thread, so that no field needs a lock or a volatile read on the hot path.
 */
final class Measurement {

    private final Histogram latencies = Result.newHistogram();
    private boolean measuring;
    private boolean stopped;
    private long windowStartNanos;
    private long errors;

    /** Starts the measured window: replies from now on are counted. */
    void begin() {
        windowStartNanos = System.nanoTime();
        measuring = true;
    }

    /**
     * Ends the measured window and the run: no request is sent after it.
     *
     * @param connections the run's connections
     * @param outstanding the requests unanswered at this moment
     * @param silent the connections that got no answer in the window
     * @return the window's result
     */
    Result end(int connections, long outstanding, long silent) {
        double seconds = (System.nanoTime() - windowStartNanos) / 1e9;
        measuring = false;
        stopped = true;
        return new Result(latencies, seconds, errors, connections, outstanding, silent);
    }

    /**
     * @param latencyNanos the round trip of a correct reply; counted if it arrived in the measured window
     * @return whether it was counted
     */
    boolean reply(long latencyNanos) {
        if (measuring) {
            latencies.recordValue(latencyNanos / 1_000);
        }
        return measuring;
    }

    /** Counts a wrong reply, in warmup too, so that no error hides there. */
    void error() {
        errors++;
    }

    /** @return whether the run has ended, so connections must send nothing more */
    boolean stopped() {
        return stopped;
    }
}
