package io.github.tcpadapter.cluster.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one fault, appended to {@code target/cluster-faults.txt}: what was done and how long it took, each
 * client group's requests (attempted, answered, failed and why, wrong), its reconnect times, and what the logs
 * said meanwhile (HAProxy's lines, the instances' warnings).
 */
final class FaultReport {

    private static final int MAX_LOG_LINES = 15;

    private final ClusterTopology topology;
    private final StringBuilder text = new StringBuilder();
    private final Map<Path, Long> logMarks = new HashMap<>();

    /** Starts the report, and the logs' window, now. */
    FaultReport(ClusterTopology topology, String fault) {
        this.topology = topology;
        text.append("== ").append(fault).append(" (").append(Instant.now()).append(")\n");
        for (Path log : logs()) {
            logMarks.put(log, size(log));
        }
    }

    /** Adds a line of its own (a step and its duration). */
    FaultReport line(String line) {
        text.append("  ").append(line).append('\n');
        return this;
    }

    /** Runs a step of the fault and adds how long it took. */
    long timed(String step, Step action) throws Exception {
        long start = System.nanoTime();
        action.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        line(step + ": " + millis + " ms");
        return millis;
    }

    /** A step of a fault. */
    interface Step {
        void run() throws Exception;
    }

    /** Adds a group of clients: the totals, then one line per client. */
    FaultReport clients(String group, List<LoopingClient.Figures> figures) {
        long attempted = figures.stream().mapToLong(LoopingClient.Figures::attempted).sum();
        long answered = figures.stream().mapToLong(LoopingClient.Figures::answered).sum();
        long wrong = figures.stream().mapToLong(LoopingClient.Figures::wrong).sum();
        Map<String, Long> failures = figures.stream().flatMap(f -> f.failures().entrySet().stream())
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.summingLong(Map.Entry::getValue)));
        List<Long> reconnects = figures.stream().flatMap(f -> f.reconnectMillis().stream()).sorted().toList();
        line(group + ": " + figures.size() + " clients (think time " + ClientGroup.THINK.toMillis()
                + " ms), attempted " + attempted + ", answered " + answered
                + ", failed " + failures.values().stream().mapToLong(Long::longValue).sum() + " " + failures
                + ", wrong " + wrong + ", connections closed under them " + figures.stream()
                .mapToLong(LoopingClient.Figures::closesSeen).sum() + ", reconnect ms " + summary(reconnects));
        for (LoopingClient.Figures client : figures) {
            line("  " + client.client() + ": attempted " + client.attempted() + ", answered " + client.answered()
                    + ", failed " + client.failed() + " " + client.failures() + ", wrong " + client.wrong()
                    + (client.wrongExamples().isEmpty() ? "" : " " + client.wrongExamples())
                    + ", closes " + client.closesSeen() + ", reconnect ms " + client.reconnectMillis());
        }
        return this;
    }

    /** Adds what the logs said since the report began, and appends the report to the figures' file. */
    void write() throws IOException {
        for (Path log : logs()) {
            // HAProxy prints each event twice: as its own message ("[WARNING]  (pid) : ...") and to its log
            List<String> said = log.equals(topology.haproxy().log())
                    ? newLines(log).stream().filter(line -> !line.startsWith("[")).toList()
                    : warnings(String.join("\n", newLines(log)));
            text.append("  ").append(topology.work().relativize(log)).append(": ").append(said.size())
                    .append(log.equals(topology.haproxy().log()) ? " lines" : " warnings").append('\n');
            said.stream().limit(MAX_LOG_LINES).forEach(line -> text.append("    ").append(line).append('\n'));
            if (said.size() > MAX_LOG_LINES) {
                text.append("    ...\n");
            }
        }
        Path file = topology.work().resolveSibling("cluster-faults.txt");
        Files.writeString(file, text.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private List<Path> logs() {
        List<Path> logs = new ArrayList<>();
        logs.add(topology.haproxy().log());
        topology.instances().forEach(instance -> logs.add(instance.serverLog()));
        return logs;
    }

    // Payara's records: "[time] [Payara 6...] [LEVEL] [] [logger] [tid...] ... [[\n  message]]"
    private static List<String> warnings(String log) {
        List<String> warnings = new ArrayList<>();
        for (String record : log.split("\n(?=\\[\\d{4}-)")) {
            if (record.contains("] [WARNING] [") || record.contains("] [SEVERE] [")) {
                String[] parts = record.split("\\[\\[", 2);
                String header = parts[0];
                String level = header.contains("[SEVERE]") ? "SEVERE" : "WARNING";
                String message = parts.length > 1 ? parts[1].replace("]]", "").strip().replaceAll("\\s+", " ") : "";
                warnings.add(level + " " + header.substring(1, Math.min(24, header.length())) + " "
                        + message.substring(0, Math.min(240, message.length())));
            }
        }
        return warnings;
    }

    private List<String> newLines(Path log) {
        long from = logMarks.getOrDefault(log, 0L);
        long to = size(log);
        if (to <= from) {
            return List.of(); // also a log that was rotated: the next report sees it
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.min(to - from, 8 << 20)];
            file.seek(from);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    private static long size(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String summary(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "(none)";
        }
        return "n=" + sorted.size() + " min " + sorted.get(0) + " median " + sorted.get(sorted.size() / 2) + " max "
                + sorted.get(sorted.size() - 1);
    }
}
