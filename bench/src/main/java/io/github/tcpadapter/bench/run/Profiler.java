package io.github.tcpadapter.bench.run;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * With {@code -Dbench.profile}, records chosen cells in the server's JVM with Java Flight Recorder (the
 * {@code profile} settings: method sampling every 10 ms per thread) through {@code jcmd}, and summarises each
 * recording with {@link HotMethods}; without it, only runs the cells.
 */
final class Profiler {

    /** A cell to measure. */
    interface Cell {
        void run() throws IOException;
    }

    private final PayaraServer server;
    private final Path output;
    private final boolean enabled;
    private final List<Path> recordings = new ArrayList<>();

    Profiler(PayaraServer server, Path output, boolean enabled) {
        this.server = server;
        this.output = output;
        this.enabled = enabled;
    }

    /** @param label the recording's name, or {@code null} to run the cell unrecorded */
    void around(String label, Cell cell) throws IOException {
        if (!enabled || label == null) {
            cell.run();
            return;
        }
        Path recording = output.resolve(label + ".jfr").toAbsolutePath();
        jcmd("JFR.start", "name=" + label, "settings=profile", "filename=" + recording);
        try {
            cell.run();
        } finally {
            jcmd("JFR.stop", "name=" + label);
            recordings.add(recording);
        }
    }

    /** Prints the hot methods of every recording made. */
    void summarise() throws IOException {
        for (Path recording : recordings) {
            System.out.println();
            System.out.println("## Where the server's time went: " + recording.getFileName());
            System.out.println();
            System.out.print(HotMethods.summary(recording, 25));
        }
    }

    private void jcmd(String... command) throws IOException {
        List<String> args = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/jcmd").getPath(),
                String.valueOf(server.pid())));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
