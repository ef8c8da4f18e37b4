package io.github.tcpadapter.bench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets of docs/BENCHMARKS.md judged from this run's own figures: each ratio against the limit of the same
 * load in the same run. "met" only from a full run of a clean commit; a broken cell never meets a target.
 */
final class Targets {

    static final String MET = "met";
    static final String NOT_MET = "not met";
    static final String NOT_MEASURED = "not measured in this run";

    /** One line of the targets table. */
    record Row(String target, String measured, String verdict) {
    }

    /** A rate of one subject over another's, same load and size, at least (or at most) a bound. */
    private record Ratio(String label, String direction, String subject, String over, int load, int bytes,
            double bound, boolean atMost) {
    }

    private Targets() {
    }

    /**
     * @param quick whether the run was a quick one
     * @param commit {@code git describe --always --dirty} of the run, or {@code unknown}
     * @return why the run may not judge targets, or null if it may
     */
    static String notJudged(boolean quick, boolean partial, String commit) {
        List<String> reasons = new ArrayList<>();
        if (quick) {
            reasons.add("quick run");
        }
        if (partial) {
            reasons.add("partial run");
        }
        if (commit.endsWith("-dirty")) {
            reasons.add("dirty tree");
        }
        if (commit.equals("unknown")) {
            reasons.add("commit unknown");
        }
        return reasons.isEmpty() ? null : "not judged (" + String.join(", ", reasons) + ")";
    }

    /**
     * @param notJudged why the run may not judge, or null
     * @param broken whether a cell the target reads is broken
     * @param ok whether the figure is within the target
     * @return the verdict
     */
    static String verdict(String notJudged, boolean broken, boolean ok) {
        if (notJudged != null) {
            return notJudged;
        }
        if (broken) {
            return NOT_MET + " (broken cell)";
        }
        return ok ? MET : NOT_MET;
    }

    /**
     * @param report the run's figures
     * @param notJudged why the run may not judge, or null
     * @return every target's row
     */
    static List<Row> judge(Report report, String notJudged) {
        List<Row> rows = new ArrayList<>();
        for (Ratio ratio : ratios()) {
            rows.add(judge(report, ratio, notJudged));
        }
        rows.add(idleRatio(report, notJudged));
        rows.add(idleHeap(report, notJudged));
        return rows;
    }

    private static List<Ratio> ratios() {
        List<Ratio> ratios = new ArrayList<>();
        // the default delivery, and the opt-in one that calls the bean on the event loop
        for (String mdb : List.of(Subjects.MDB, Subjects.MDB_INLINE)) {
            String name = mdb.equals(Subjects.MDB) ? "inbound NOT_SUPPORTED MDB" : "inbound NOT_SUPPORTED MDB, inline";
            ratios.add(new Ratio(name + " ≥ 0.75× Netty at 1 connection", "inbound", mdb, Subjects.NETTY, 1, 64, 0.75,
                    false));
            for (int connections : List.of(100, 1_000)) {
                ratios.add(new Ratio(String.format(Locale.ROOT, "%s ≥ 0.6× Netty at %,d connections", name,
                        connections), "inbound", mdb, Subjects.NETTY, connections, 64, 0.6, false));
            }
        }
        ratios.add(new Ratio("inbound NOT_SUPPORTED MDB ≥ 2× Spring at 1 connection", "inbound", Subjects.MDB,
                Subjects.SPRING, 1, 64, 2, false));
        for (int connections : List.of(100, 1_000)) {
            ratios.add(new Ratio(String.format(Locale.ROOT,
                    "inbound NOT_SUPPORTED MDB ≥ 5× Spring at %,d connections", connections), "inbound", Subjects.MDB, Subjects.SPRING, connections, 64, 5, false));
        }
        for (int bytes : List.of(64, 4_096)) {
            for (int callers : List.of(1, 8, 32)) {
                double bound = callers == 1 ? 0.9 : 0.85;
                ratios.add(new Ratio(String.format(Locale.ROOT, "outbound pooled ≥ %.2f× raw at %d caller%s (%s)",
                        bound, callers, callers == 1 ? "" : "s", size(bytes)), "outbound", Subjects.POOLED,
                        Subjects.RAW, callers, bytes, bound, false));
            }
        }
        for (int bytes : List.of(64, 4_096)) {
            ratios.add(new Ratio("outbound pooled ≥ 5× a socket per request at 8 callers (" + size(bytes) + ")",
                    "outbound", Subjects.POOLED, Subjects.PER_REQUEST, 8, bytes, 5, false));
        }
        for (int bytes : List.of(64, 4_096)) {
            for (int callers : List.of(1, 8, 32)) {
                ratios.add(new Ratio(String.format(Locale.ROOT,
                        "outbound pooled ahead of Spring Integration at %d caller%s (%s)", callers,
                        callers == 1 ? "" : "s", size(bytes)), "outbound", Subjects.POOLED, Subjects.SPRING_OUTBOUND,
                        callers, bytes, 1, false));
            }
        }
        ratios.add(new Ratio(
                "multiplexed requestAsync ≥ 0.8× the pipelined client (32 callers, 2 sockets, 5 ms peer)",
                "multiplexed", Subjects.ASYNC, Subjects.PIPELINED, 32, 64, 0.8, false));
        ratios.add(new Ratio("multiplexed requestAsync ≥ 10× the pool capped at 2 sockets (same load)",
                "multiplexed", Subjects.ASYNC, Subjects.CAPPED, 32, 64, 10, false));
        return ratios;
    }

    private static String size(int bytes) {
        return bytes == 64 ? "64 B" : bytes / 1024 + " KiB";
    }

    private static Row judge(Report report, Ratio target, String notJudged) {
        Optional<CellSummary> subject = report.summary(target.direction(), target.subject(), target.load(),
                target.bytes());
        Optional<CellSummary> over = report.summary(target.direction(), target.over(), target.load(), target.bytes());
        if (subject.isEmpty() || over.isEmpty()) {
            return new Row(target.label(), "–", NOT_MEASURED);
        }
        if (subject.get().broken() || over.get().broken()) {
            CellSummary broken = subject.get().broken() ? subject.get() : over.get();
            String which = subject.get().broken() ? target.subject() : target.over();
            return new Row(target.label(), which + " " + Broken.label(broken.silent(), broken.connections()),
                    verdict(notJudged, true, false));
        }
        double ratio = subject.get().ratioTo(over.get());
        boolean ok = target.atMost() ? ratio <= target.bound() : ratio >= target.bound();
        return new Row(target.label(), String.format(Locale.ROOT, "%.2f×", ratio), verdict(notJudged, false, ok));
    }

    private static Row idleRatio(Report report, String notJudged) {
        String label = "idle bytes per connection ≤ 1.2× Netty's";
        Optional<Double> adapter = report.idleBytesPerConnection(Subjects.IDLE_ADAPTER);
        Optional<Double> netty = report.idleBytesPerConnection(Subjects.IDLE_NETTY);
        if (adapter.isEmpty() || netty.isEmpty() || netty.get() <= 0) {
            return new Row(label, "–", NOT_MEASURED);
        }
        double ratio = adapter.get() / netty.get();
        return new Row(label, String.format(Locale.ROOT, "%,.0f B ÷ %,.0f B = %.2f×", adapter.get(), netty.get(),
                ratio), verdict(notJudged, false, ratio <= 1.2));
    }

    private static Row idleHeap(Report report, String notJudged) {
        String label = "10,000 idle inbound connections in < 128 MiB, threads independent of connections";
        Optional<Report.Idle> idle = report.idle(Subjects.IDLE_ADAPTER);
        if (idle.isEmpty() || idle.get().connections() < 10_000) {
            return new Row(label, idle.map(i -> String.format(Locale.ROOT, "only %,d connections held",
                    i.connections())).orElse("–"), NOT_MEASURED);
        }
        Report.Idle measured = idle.get();
        long grown = measured.heapAfter() - measured.heapBefore();
        boolean ok = grown < 128L * 1024 * 1024 && measured.threadsAfter() <= measured.threadsBefore();
        return new Row(label, String.format(Locale.ROOT, "+%.1f MiB; %d threads before, %d after",
                grown / 1048576.0, measured.threadsBefore(), measured.threadsAfter()), verdict(notJudged, false, ok));
    }
}
