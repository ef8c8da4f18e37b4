package io.github.tcpadapter.bench.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The run's figures: every measurement as it came, then the Markdown tables (the mean rate of the repetitions and
 * their range, p50/p99 of their merged histograms, the ratio to the limit measured in the same run, broken cells
 * named as such) and the JSON file with every figure, the commit, the options and the machine.
 */
final class Report {

    /**
     * The heap and threads of one server before and after it was given idle connections.
     *
     * @param connections the idle connections held
     * @param heapBefore used heap after collections, before, bytes
     * @param heapAfter the same with the connections open
     * @param threadsBefore the server's threads before
     * @param threadsAfter its threads with the connections open
     */
    record Idle(int connections, long heapBefore, long heapAfter, int threadsBefore, int threadsAfter) {

        double bytesPerConnection() {
            return (heapAfter - heapBefore) / (double) connections;
        }
    }

    /**
     * The columns of a table.
     *
     * @param subject the first column's name (server, caller)
     * @param load the load column's name (connections, callers)
     * @param rate the rate column's name
     * @param failed whether a column counts the failed calls
     */
    record Columns(String subject, String load, String rate, boolean failed) {
    }

    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, Idle> idle = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<String> warmups = new ArrayList<>();

    void add(Measurement measurement) {
        measurements.add(measurement);
        Figures figures = measurement.figures();
        System.out.printf(Locale.ROOT, "  %s %s, %d × %d B, repetition %d: %,.0f/s, p50 %.0f µs, p99 %.0f µs, "
                + "%d errors, %d outstanding at the end, %d never answered%s%n", measurement.direction(),
                measurement.subject(), measurement.load(), measurement.bytes(), measurement.repetition(),
                figures.get("rps"), figures.get("p50us"), figures.get("p99us"), (long) figures.get("errors"),
                (long) figures.get("outstanding"), measurement.silent(), measurement.broken() ? " BROKEN" : "");
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    /** Records that an unrecorded warm-up cell ran, e.g. {@code inbound: Netty echo, 100 connections, 6 s}. */
    void warmup(String description) {
        warmups.add(description);
        System.out.println("  warm-up, not recorded: " + description);
    }

    void idle(String server, Idle figures) {
        idle.put(server, figures);
    }

    Optional<Idle> idle(String server) {
        return Optional.ofNullable(idle.get(server));
    }

    /** @return the heap that each idle connection cost {@code server}, if it was measured */
    Optional<Double> idleBytesPerConnection(String server) {
        return idle(server).map(Idle::bytesPerConnection);
    }

    /** @return the row of {@code subject} at that load and size over the repetitions, if it was measured */
    Optional<CellSummary> summary(String direction, String subject, int load, int bytes) {
        List<Measurement> cell = measurements.stream().filter(m -> m.direction().equals(direction)
                && m.subject().equals(subject) && m.load() == load && m.bytes() == bytes).toList();
        return cell.isEmpty() ? Optional.empty() : Optional.of(CellSummary.of(cell));
    }

    /**
     * @param direction inbound, outbound, multiplexed or burst
     * @param columns the table's column names
     * @param subjects the rows' subjects, in order
     * @param limit the subject the ratio column divides by
     * @return the Markdown table of that direction
     */
    String table(String direction, Columns columns, List<String> subjects, String limit) {
        StringBuilder table = new StringBuilder("| " + columns.subject() + " | " + columns.load() + " | bytes | "
                + columns.rate() + " (range) | p50 µs | p99 µs | × " + limit + " |"
                + (columns.failed() ? " failed |" : "") + "\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
                + (columns.failed() ? " ---: |" : "") + "\n");
        for (int bytes : sizes(direction)) {
            for (int load : loads(direction)) {
                Optional<CellSummary> limitRow = summary(direction, limit, load, bytes);
                for (String subject : subjects) {
                    Optional<CellSummary> row = summary(direction, subject, load, bytes);
                    if (row.isEmpty()) {
                        continue;
                    }
                    CellSummary cell = row.get();
                    String failed = columns.failed() ? String.format(Locale.ROOT, " %,d |", cell.errors()) : "";
                    if (cell.broken()) {
                        table.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s | – | – | – |%s%n",
                                subject, load, bytes, Broken.label(cell.silent(), cell.connections()), failed));
                        continue;
                    }
                    double ratio = limitRow.map(cell::ratioTo).orElse(Double.NaN);
                    table.append(String.format(Locale.ROOT,
                            "| %s | %,d | %,d | %,.0f (%,.0f–%,.0f) | %.0f | %.0f | %s |%s%n",
                            subject, load, bytes, cell.rps(), cell.minRps(), cell.maxRps(), cell.p50us(),
                            cell.p99us(), Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio),
                            failed));
                }
            }
        }
        return table.toString();
    }

    /**
     * @return the mean rate of {@code subject} over that of {@code over}, same load and size, as {@code 12.34×}, or
     *     {@code –} when either was not measured or is broken
     */
    String ratio(String direction, String subject, String over, int load, int bytes) {
        Optional<CellSummary> mine = summary(direction, subject, load, bytes);
        Optional<CellSummary> theirs = summary(direction, over, load, bytes);
        double ratio = mine.isPresent() && theirs.isPresent() ? mine.get().ratioTo(theirs.get()) : Double.NaN;
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /**
     * @return one line per measurement of {@code direction} that had failed calls or requests left unanswered at
     *     the window's end, or nothing when none had
     */
    String errors(String direction) {
        return measurements.stream().filter(m -> m.direction().equals(direction) && (m.figures().get("errors") > 0
                        || m.silent() > 0))
                .map(m -> String.format(Locale.ROOT,
                        "%s: %s, %,d × %,d B, repetition %d: %,.0f calls failed, %,.0f answered in the measured time, "
                                + "%,.0f outstanding at its end, %,d of %,d never answered%n",
                        m.broken() ? "BROKEN" : m.figures().get("errors") > 0 ? "ERRORS" : "UNANSWERED", m.subject(),
                        m.load(), m.bytes(), m.repetition(),
                        m.figures().get("errors"), m.figures().get("requests"), m.figures().get("outstanding"),
                        m.silent(), m.load()))
                .collect(Collectors.joining());
    }

    /**
     * @param direction the table's direction
     * @param subjects the series, in order
     * @param bytes the frame size
     * @param figure what to draw of a row
     * @return per subject, per load (as text), the figure; null for a broken or unmeasured cell
     */
    Map<String, Map<String, Double>> chartSeries(String direction, List<String> subjects, int bytes,
            ToDoubleFunction<CellSummary> figure) {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (String subject : subjects) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int load : loads(direction)) {
                values.put(String.format(Locale.ROOT, "%,d", load), summary(direction, subject, load, bytes)
                        .filter(cell -> !cell.broken()).map(figure::applyAsDouble).orElse(null));
            }
            if (measurements.stream().anyMatch(m -> m.direction().equals(direction) && m.subject().equals(subject)
                    && m.bytes() == bytes)) {
                series.put(subject, values);
            }
        }
        return series;
    }

    /** @return "subject at N" for each broken row of {@code direction} at that size */
    List<String> brokenCells(String direction, List<String> subjects, int bytes) {
        return subjects.stream().flatMap(subject -> brokenCells(direction, subject, bytes).stream()).toList();
    }

    private List<String> brokenCells(String direction, String subject, int bytes) {
        return loads(direction).stream().filter(load -> summary(direction, subject, load, bytes)
                        .map(CellSummary::broken).orElse(false))
                .map(load -> String.format(Locale.ROOT, "%s at %,d", subject, load)).toList();
    }

    List<Integer> loads(String direction) {
        return measurements.stream().filter(m -> m.direction().equals(direction)).map(Measurement::load).distinct()
                .sorted().toList();
    }

    List<Integer> sizes(String direction) {
        return measurements.stream().filter(m -> m.direction().equals(direction)).map(Measurement::bytes).distinct()
                .sorted().toList();
    }

    /** @return the Markdown table of the idle connections' cost in each server, and the adapter's over Netty's */
    String idleTable() {
        if (idle.isEmpty()) {
            return "";
        }
        Optional<Double> netty = idleBytesPerConnection(Subjects.IDLE_NETTY);
        StringBuilder table = new StringBuilder("| server | idle connections | heap before | after | per connection "
                + "| threads before / after | × Netty |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        idle.forEach((server, figures) -> table.append(String.format(Locale.ROOT,
                "| %s | %,d | %.1f MiB | %.1f MiB | %,.0f B | %d / %d | %s |%n", server, figures.connections(),
                figures.heapBefore() / 1048576.0, figures.heapAfter() / 1048576.0, figures.bytesPerConnection(),
                figures.threadsBefore(), figures.threadsAfter(), netty.filter(bytes -> bytes > 0)
                        .map(bytes -> String.format(Locale.ROOT, "%.2f", figures.bytesPerConnection() / bytes))
                        .orElse("–"))));
        return table.toString();
    }

    /** @return the Markdown table of the targets */
    static String targetsTable(List<Targets.Row> rows) {
        StringBuilder table = new StringBuilder("| target | measured | met |\n| --- | --- | --- |\n");
        rows.forEach(row -> table.append("| ").append(row.target()).append(" | ").append(row.measured())
                .append(" | ").append(row.verdict()).append(" |\n"));
        return table.toString();
    }

    /**
     * Writes every figure, the commit, the options, the machine, the warm-up cells that ran, the idle servers and
     * the targets as JSON.
     */
    void writeJson(Path file, String commit, Map<String, Object> machine, List<Targets.Row> targets)
            throws IOException {
        Map<String, String> idleJson = new LinkedHashMap<>();
        idle.forEach((server, figures) -> idleJson.put(server, Json.object(Json.fields(
                "connections", figures.connections(), "heapBeforeBytes", figures.heapBefore(),
                "heapAfterBytes", figures.heapAfter(), "bytesPerConnection", Math.round(figures.bytesPerConnection()),
                "threadsBefore", figures.threadsBefore(), "threadsAfter", figures.threadsAfter()))));
        String json = "{\"date\":" + Json.string(OffsetDateTime.now().toString())
                + ",\"commit\":" + Json.string(commit)
                + ",\"machine\":" + Json.object(machine)
                + ",\"options\":" + Json.object(settings)
                + ",\"warmupCells\":" + Json.array(warmups.stream().map(Json::string).toList())
                + ",\"idle\":" + Json.rawObject(idleJson)
                + ",\"targets\":" + Json.array(targets.stream().map(row -> Json.object(Json.fields(
                        "target", row.target(), "measured", row.measured(), "verdict", row.verdict()))).toList())
                + ",\"measurements\":[\n"
                + measurements.stream().map(Measurement::toJson).collect(Collectors.joining(",\n")) + "\n]}\n";
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }
}
