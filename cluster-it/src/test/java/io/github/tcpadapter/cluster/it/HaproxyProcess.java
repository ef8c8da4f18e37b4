package io.github.tcpadapter.cluster.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy as a child process ({@code haproxy -db -f <config>}: in the foreground, so it ends with this JVM), its
 * output (the servers' state changes, connections that ended abnormally) to a log file. The servers' states come
 * from its stats page ({@code ;csv}).
 */
final class HaproxyProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int statsPort;
    private final Path log;

    private HaproxyProcess(Process process, int statsPort, Path log) {
        this.process = process;
        this.statsPort = statsPort;
        this.log = log;
    }

    /**
     * Starts HAProxy and waits until its stats page answers (it binds every frontend before it serves any).
     *
     * @param statsPort the port of its stats page
     */
    static HaproxyProcess start(Path binary, Path config, Path log, int statsPort) throws IOException {
        // one that a killed test run left (its JVM's shutdown hook could not run) would hold the ports
        for (ProcessHandle leftover : ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                .orElse("").contains(binary + " -db -f " + config)).toList()) {
            leftover.destroyForcibly();
            Await.until(Duration.ofSeconds(10), () -> !leftover.isAlive(), () -> "A HAProxy of an earlier run (pid "
                    + leftover.pid() + ") still runs 10 s after kill -9");
        }
        Process process = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HaproxyProcess haproxy = new HaproxyProcess(process, statsPort, log);
        try {
            Await.until(Duration.ofSeconds(20), () -> !process.isAlive() || haproxy.stats().isPresent(),
                    () -> "HAProxy's stats page on port " + statsPort + " does not answer; see " + log);
            if (!process.isAlive()) {
                throw new IllegalStateException("HAProxy ended at once (exit " + process.exitValue() + "); see " + log);
            }
        } catch (RuntimeException e) {
            haproxy.close();
            throw e;
        }
        return haproxy;
    }

    /** @return the server's state as HAProxy's stats show it: {@code UP}, {@code DOWN}, {@code UP 1/2}, ... */
    String serverState(String backend, String server) {
        // # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,...
        return stats().map(csv -> csv.lines().map(line -> line.split(",", -1))
                .filter(fields -> fields.length > 17 && fields[0].equals(backend) && fields[1].equals(server))
                .map(fields -> fields[17]).findFirst().orElse("(no such server)")).orElse("(no stats page)");
    }

    private Optional<String> stats() {
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/;csv"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** @return how long it took until HAProxy saw the server in that state ({@code UP} or {@code DOWN}) */
    Duration awaitServerState(String backend, String server, String state, Duration timeout) {
        return Await.until(timeout, () -> serverState(backend, server).equals(state), () -> "HAProxy's " + backend
                + "/" + server + " is " + serverState(backend, server) + ", not " + state + ", after "
                + timeout.toSeconds() + " s; see " + log);
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: HAProxy stops at once
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
