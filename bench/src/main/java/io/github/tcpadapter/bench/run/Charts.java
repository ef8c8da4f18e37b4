package io.github.tcpadapter.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's tables as charts in {@code target/charts}: inbound requests/s and p99 per server and connection count,
 * outbound requests/s and p99 per caller count, the TLS handshake burst, and the idle heap per connection of the
 * adapter beside Netty's. Each names the commit and the date; a broken cell is drawn empty and named.
 */
final class Charts {

    private final Report report;
    private final Path directory;
    private final String provenance;

    /**
     * @param report the run's figures
     * @param directory where the PNGs go
     * @param commit the run's commit
     * @param date the run's date
     */
    Charts(Report report, Path directory, String commit, String date) {
        this.report = report;
        this.directory = directory;
        this.provenance = "commit " + commit + ", " + date;
    }

    /** Draws every chart whose figures the run measured; returns the files written. */
    List<Path> write(List<String> inbound, List<String> outbound, List<String> burst) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        rateAndLatency(written, "inbound", "Inbound", inbound, "connections", "requests/s");
        rateAndLatency(written, "outbound", "Outbound, callers in the server", outbound, "callers", "requests/s");
        rateAndLatency(written, "burst", "TLS handshake burst", burst, "new connections at once", "handshakes/s");
        if (report.idle(Subjects.IDLE_ADAPTER).isPresent()) {
            Map<String, Double> bytes = new LinkedHashMap<>();
            for (String server : List.of(Subjects.IDLE_ADAPTER, Subjects.IDLE_NETTY)) {
                bytes.put(server, report.idleBytesPerConnection(server).orElse(null));
            }
            Path png = directory.resolve("idle-bytes-per-connection.png");
            ChartWriter.bars(png, "Heap per idle connection", List.of(provenance), "server", "bytes",
                    false, Map.of("bytes per idle connection", bytes));
            written.add(png);
        }
        return written;
    }

    private void rateAndLatency(List<Path> written, String direction, String title, List<String> subjects,
            String loadLabel, String rateLabel) throws IOException {
        for (int bytes : report.sizes(direction)) {
            List<String> subtitles = new ArrayList<>(List.of(provenance + ", " + bytes + "-byte frames"));
            List<String> broken = report.brokenCells(direction, subjects, bytes);
            subtitles.add(broken.isEmpty() ? "no bar: not measured at that load"
                    : "no bar: not measured at that load, or drawn empty as BROKEN (most connections never answered): "
                            + String.join("; ", broken));
            String suffix = direction + (report.sizes(direction).size() > 1 ? "-" + bytes + "B" : "");
            Path rate = directory.resolve(suffix + "-rate.png");
            ChartWriter.bars(rate, title + ": " + rateLabel, subtitles, loadLabel, rateLabel, false,
                    report.chartSeries(direction, subjects, bytes, CellSummary::rps));
            Path p99 = directory.resolve(suffix + "-p99.png");
            ChartWriter.bars(p99, title + ": p99 latency (log scale)", subtitles, loadLabel, "p99 µs", true,
                    report.chartSeries(direction, subjects, bytes, CellSummary::p99us));
            written.add(rate);
            written.add(p99);
        }
    }
}
