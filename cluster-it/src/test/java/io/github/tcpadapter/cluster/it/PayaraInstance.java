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
 * One instance of the deployment group: its ports (Payara's {@code --portbase} layout; the adapter's listeners at
 * port + {@code io.github.tcpadapter.portOffset}), its readiness, and its JVM's process, for the faults.
 */
final class PayaraInstance {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int portBase;
    private final int portOffset;
    private final Path directory;

    /**
     * @param name the instance's name
     * @param portBase its {@code --portbase}: HTTP on portBase + 80, admin on portBase + 48
     * @param portOffset the port offset its listeners bind with
     * @param directory its directory under the node's ({@code nodes/<node>/<name>})
     */
    PayaraInstance(String name, int portBase, int portOffset, Path directory) {
        this.name = name;
        this.portBase = portBase;
        this.portOffset = portOffset;
        this.directory = directory;
    }

    String name() {
        return name;
    }

    int portBase() {
        return portBase;
    }

    int portOffset() {
        return portOffset;
    }

    int httpPort() {
        return portBase + 80;
    }

    /** @return the port where this instance's listener for a sample port (9000, ...) is bound */
    int listenerPort(int port) {
        return port + portOffset;
    }

    Path directory() {
        return directory;
    }

    Path serverLog() {
        return directory.resolve("logs/server.log");
    }

    /** @return whether {@code /health/ready} answers 200 now */
    boolean ready() {
        return readiness().startsWith("200 ");
    }

    /** @return what {@code /health/ready} answers now: its status and body, or why it does not answer */
    String readiness() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * @return how long it took to be ready
     * @throws IllegalStateException if it is not ready within the time
     */
    Duration awaitReady(Duration timeout) {
        return Await.until(timeout, this::ready, () -> name + " is not ready after " + timeout.toSeconds()
                + " s: GET http://127.0.0.1:" + httpPort() + "/health/ready answers " + readiness() + "; its log: "
                + serverLog());
    }

    /** @return the instance's JVM, while it runs */
    Optional<ProcessHandle> process() {
        return PidFile.process(directory.resolve("config/pid"), directory);
    }

    /** @return the running JVM's process */
    ProcessHandle runningProcess() {
        return process().orElseThrow(() -> new IllegalStateException(name + " is not running (no live pid in "
                + directory.resolve("config/pid") + ")"));
    }

    /** Sends a signal ({@code STOP}, {@code CONT}) to the instance's JVM. */
    void signal(String signal) {
        long pid = runningProcess().pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot signal " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + " (HTTP " + httpPort() + ", listeners at port + " + portOffset + ")";
    }
}
