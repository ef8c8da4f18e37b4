package io.github.tcpadapter.cluster.it;

import io.github.tcpadapter.sample.device.DeviceSimulator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The sample's device simulator on 127.0.0.1:9104, a process of its own: the sample's client-mode listener links to
 * it, and an instance is ready only once linked. It ends with this JVM.
 */
final class SampleDevice implements AutoCloseable {

    static final int PORT = 9104;

    private final Process process;

    private SampleDevice(Process process) {
        this.process = process;
    }

    /** Starts the simulator, its conversation in {@code transcript}, and waits until it listens. */
    static SampleDevice start(Path javaHome, Path transcript) throws IOException {
        Files.deleteIfExists(transcript);
        Process process = new ProcessBuilder(javaHome.resolve("bin/java").toString(), "-classpath", classPath(),
                DeviceSimulator.class.getName(), String.valueOf(PORT), transcript.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(transcript.resolveSibling("device-simulator.out")
                        .toFile()))
                .start();
        SampleDevice device = new SampleDevice(process);
        try {
            Await.until(Duration.ofSeconds(20), () -> !process.isAlive() || listening(transcript),
                    () -> "The device simulator does not listen on " + PORT + "; see " + transcript);
            if (!process.isAlive()) {
                throw new IllegalStateException("The device simulator ended at once (port " + PORT
                        + " taken?); see " + transcript.resolveSibling("device-simulator.out"));
            }
        } catch (RuntimeException e) {
            device.close();
            throw e;
        }
        return device;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static boolean listening(Path transcript) {
        try {
            return Files.exists(transcript) && Files.readString(transcript).contains("listening on");
        } catch (IOException e) {
            return false;
        }
    }

    private static String classPath() {
        try {
            return Paths.get(DeviceSimulator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the device simulator's classes", e);
        }
    }
}
