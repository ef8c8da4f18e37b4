package io.github.tcpadapter.cluster.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Payara Server's {@code asadmin}, one process per command, each with a time limit. What it prints goes to a log
 * file (never to the console), with the command and how long it took; a failed command's output is in its exception.
 */
final class Asadmin {

    private final Path asadmin;
    private final Path javaHome;
    private final int adminPort;
    private final Path log;

    /**
     * @param payaraHome the unpacked distribution ({@code payara6})
     * @param javaHome the JDK the server runs on ({@code AS_JAVA})
     * @param adminPort the DAS's admin port
     * @param log the file every command's output is appended to
     */
    Asadmin(Path payaraHome, Path javaHome, int adminPort, Path log) {
        this.asadmin = payaraHome.resolve("bin/asadmin");
        this.javaHome = javaHome;
        this.adminPort = adminPort;
        this.log = log;
    }

    /**
     * Runs a command that must succeed.
     *
     * @return what it printed
     * @throws IllegalStateException if it failed or did not end within the time limit (then it is killed)
     */
    String run(Duration timeout, String... command) {
        Result result = attempt(timeout, command);
        if (!result.succeeded()) {
            throw new IllegalStateException("asadmin " + String.join(" ", command) + " failed (" + result.why()
                    + "): " + result.output().strip());
        }
        return result.output();
    }

    /** Runs a command that may fail (stopping what may already be stopped): the caller reads the result. */
    Result attempt(Duration timeout, String... command) {
        List<String> line = new ArrayList<>(List.of(asadmin.toString(), "--port", String.valueOf(adminPort),
                "--interactive=false"));
        line.addAll(List.of(command));
        Instant start = Instant.now();
        try {
            Path output = Files.createTempFile(log.getParent(), "asadmin", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                builder.environment().put("AS_JAVA", javaHome.toString());
                Process process = builder.start();
                boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                Result result = new Result(ended ? process.exitValue() : -1, text,
                        ended ? "exit " + process.exitValue() : "no end within " + timeout.toSeconds() + " s");
                record(command, start, result);
                return result;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run asadmin " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during asadmin " + String.join(" ", command), e);
        }
    }

    private void record(String[] command, Instant start, Result result) throws IOException {
        String entry = "=== " + start + " asadmin " + String.join(" ", command) + " (" + result.why() + ", "
                + Duration.between(start, Instant.now()).toMillis() + " ms)\n" + result.output()
                + (result.output().endsWith("\n") ? "" : "\n");
        Files.writeString(log, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** What a command did: its exit code (-1 if it was killed), its output, and that in a few words. */
    record Result(int exitCode, String output, String why) {

        boolean succeeded() {
            return exitCode == 0;
        }
    }
}
