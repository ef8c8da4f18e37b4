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
import java.util.stream.Collectors;

/**
 * The run's figures: every measurement as it came, then the Markdown tables (the mean of the repetitions, their
 * range, and the ratio to the limit measured in the same run) and the JSON file with every figure and the machine.
 */
final class Report {

    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, Object> idle = new LinkedHashMap<>();
    private final Map<String, Object> settings = new LinkedHashMap<>();

    void add(Measurement measurement) {
        measurements.add(measurement);
        System.out.println("  " + measurement.toJson());
    }

    void setting(String name, Object value) {
        settings.put(name, value);
    }

    void idle(String name, Object value) {
        idle.put(name, value);
    }

    /**
     * @param direction inbound or outbound
     * @param subjects the rows' subjects, in order
     * @param limit the subject the ratio column divides by
     * @return the Markdown table of that direction
     */
    String table(String direction, List<String> subjects, String limit) {
        StringBuilder table = new StringBuilder("| " + (direction.equals("inbound") ? "server" : "caller")
                + " | " + (direction.equals("inbound") ? "connections" : "callers")
                + " | bytes | requests/s (range) | p50 µs | p99 µs | × " + limit + " |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<Measurement> mine = measurements.stream().filter(m -> m.direction().equals(direction)).toList();
        for (int bytes : mine.stream().map(Measurement::bytes).distinct().sorted().toList()) {
            for (int load : mine.stream().map(Measurement::load).distinct().sorted().toList()) {
                double limitRate = mean(mine, limit, load, bytes, "rps");
                for (String subject : subjects) {
                    List<Measurement> cell = cell(mine, subject, load, bytes);
                    if (cell.isEmpty()) {
                        continue;
                    }
                    double rate = mean(mine, subject, load, bytes, "rps");
                    table.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,.0f (%s) | %.0f | %.0f | %s |%n",
                            subject, load, bytes, rate, range(cell), mean(mine, subject, load, bytes, "p50us"),
                            mean(mine, subject, load, bytes, "p99us"),
                            Double.isNaN(limitRate) ? "–" : String.format(Locale.ROOT, "%.2f", rate / limitRate)));
                }
            }
        }
        return table.toString();
    }

    /**
     * @return the mean rate of {@code subject} over that of {@code over}, same load and size, as {@code 12.34×}, or
     *     {@code –} when either was not measured
     */
    String ratio(String direction, String subject, String over, int load, int bytes) {
        List<Measurement> mine = measurements.stream().filter(m -> m.direction().equals(direction)).toList();
        double ratio = mean(mine, subject, load, bytes, "rps") / mean(mine, over, load, bytes, "rps");
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /**
     * @return one line per measurement of {@code direction} that had failed calls (a cell where most calls failed
     *     measured nothing), or nothing when none had
     */
    String errors(String direction) {
        return measurements.stream().filter(m -> m.direction().equals(direction) && m.figures().get("errors") > 0)
                .map(m -> String.format(Locale.ROOT,
                        "ERRORS: %s, repetition %d: %,.0f calls failed; %,.0f answered in the measured time%n",
                        m.subject(), m.repetition(), m.figures().get("errors"), m.figures().get("requests")))
                .collect(Collectors.joining());
    }

    private static List<Measurement> cell(List<Measurement> all, String subject, int load, int bytes) {
        return all.stream().filter(m -> m.subject().equals(subject) && m.load() == load && m.bytes() == bytes)
                .toList();
    }

    private static double mean(List<Measurement> all, String subject, int load, int bytes, String figure) {
        return cell(all, subject, load, bytes).stream().mapToDouble(m -> m.figures().get(figure)).average()
                .orElse(Double.NaN);
    }

    private static String range(List<Measurement> cell) {
        double min = cell.stream().mapToDouble(m -> m.figures().get("rps")).min().orElse(0);
        double max = cell.stream().mapToDouble(m -> m.figures().get("rps")).max().orElse(0);
        return String.format(Locale.ROOT, "%,.0f–%,.0f", min, max);
    }

    /** @return the Markdown table of the idle connections' cost in the server */
    String idleTable() {
        if (idle.isEmpty()) {
            return "";
        }
        long connections = ((Number) idle.get("connections")).longValue();
        long before = ((Number) idle.get("heapBeforeBytes")).longValue();
        long after = ((Number) idle.get("heapAfterBytes")).longValue();
        return String.format(Locale.ROOT, "| idle connections | server heap before | after | per connection "
                + "| server threads before / after |%n| ---: | ---: | ---: | ---: | ---: |%n"
                + "| %,d | %.1f MiB | %.1f MiB | %.2f KiB | %s / %s |%n", connections, before / 1048576.0,
                after / 1048576.0, (after - before) / 1024.0 / connections, idle.get("threadsBefore"),
                idle.get("threadsAfter"));
    }

    /** Writes every figure, the settings, the machine and the date as JSON. */
    void writeJson(Path file) throws IOException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        String json = "{\"date\":\"" + OffsetDateTime.now() + "\",\"machine\":" + object(machine)
                + ",\"settings\":" + object(settings) + ",\"idle\":" + object(idle) + ",\"measurements\":[\n"
                + measurements.stream().map(Measurement::toJson).collect(Collectors.joining(",\n")) + "\n]}\n";
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static String object(Map<String, Object> values) {
        return values.entrySet().stream().map(entry -> "\"" + entry.getKey() + "\":" + (entry.getValue()
                instanceof Number || entry.getValue() instanceof Boolean ? entry.getValue()
                        : "\"" + entry.getValue() + "\"")).collect(Collectors.joining(",", "{", "}"));
    }
}
