package io.github.tcpadapter.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls of one fault scenario, attempted, succeeded and failed (by kind of failure), and prints them as
 * one summary line to stdout: the figures a reliability report quotes.
 */
final class ScenarioTally {

    private final String scenario;
    private final LongAdder attempted = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    ScenarioTally(String scenario) {
        this.scenario = scenario;
    }

    /**
     * Counts one call through the gateway.
     *
     * @param reply the gateway's reply, or {@code null} if the call got none
     * @param expected the reply that means success
     * @return whether the call succeeded
     */
    boolean record(String reply, String expected) {
        attempted.increment();
        if (expected.equals(reply)) {
            succeeded.increment();
            return true;
        }
        failures.computeIfAbsent(kind(reply), k -> new AtomicInteger()).incrementAndGet();
        return false;
    }

    // the error without what varies between calls, so that failures group by cause
    private static String kind(String reply) {
        if (reply == null) {
            return "no reply";
        }
        if (!reply.startsWith("error: ")) {
            return "WRONG REPLY";
        }
        String cause = reply.substring("error: ".length()).replaceAll("127\\.0\\.0\\.1:\\d+", "<peer>");
        return cause.length() > 100 ? cause.substring(0, 100) + "..." : cause;
    }

    private long failedCount() {
        return failures.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    /** Prints {@code SCENARIO <name>: attempted=.. succeeded=.. failed=.. {kind=count, ...}}. */
    void print() {
        print("");
    }

    /** Prints the summary line with a note at its end. */
    void print(String note) {
        System.out.printf("SCENARIO %s: attempted=%d succeeded=%d failed=%d %s%s%n", scenario, attempted.sum(),
                succeeded.sum(), failedCount(), new TreeMap<>(failures), note.isEmpty() ? "" : "; " + note);
    }
}
