package io.github.tcpadapter.bench.run;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A main class of the benchmark run in a JVM of its own, with the benchmark's class path: a peer server, the load
 * generator, the idle clients. Its stdout is read line by line; it is stopped by closing its stdin, and killed if
 * it does not end in time.
 */
final class ChildJvm implements AutoCloseable {

    private static final long STOP_MILLIS = 10_000;

    private final String name;
    private final Process process;
    private final BufferedReader out;

    /**
     * @param heap the child's -Xmx, e.g. "256m"
     * @param mainClass its main class, by name
     * @param args its arguments
     */
    ChildJvm(String heap, String mainClass, String... args) throws IOException {
        this.name = mainClass.substring(mainClass.lastIndexOf('.') + 1) + " " + String.join(" ", args);
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /**
     * @return the child's next line of stdout
     * @throws IOException if it ends first, or prints nothing for {@code timeoutMillis}
     */
    String readLine(long timeoutMillis) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String read = line.get(timeoutMillis, TimeUnit.MILLISECONDS);
            if (read == null) {
                throw new IOException(name + " ended without an answer (exit " + exitCode() + ")");
            }
            return read;
        } catch (TimeoutException e) {
            throw new IOException(name + " said nothing for " + timeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new IOException(name + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted", e);
        }
    }

    /**
     * @param line a line for the child's stdin, e.g. {@code stats}
     * @return the child's next line of stdout, its answer
     * @throws IOException if it cannot be written, or the child ends or says nothing for {@code timeoutMillis}
     */
    String ask(String line, long timeoutMillis) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        return readLine(timeoutMillis);
    }

    /** Waits for the line {@code ready}. */
    ChildJvm awaitReady(long timeoutMillis) throws IOException {
        String line = readLine(timeoutMillis);
        if (!line.equals("ready")) {
            throw new IOException(name + " said '" + line + "' instead of ready");
        }
        return this;
    }

    private String exitCode() {
        try {
            return process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS) ? String.valueOf(process.exitValue()) : "none";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // the child ends when its stdin ends
            if (!process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
