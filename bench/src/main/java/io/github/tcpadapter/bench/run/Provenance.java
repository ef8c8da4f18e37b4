package io.github.tcpadapter.bench.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** What a run's figures came from: the commit, the machine and every {@code bench.*} option of the run. */
final class Provenance {

    private static final long COMMAND_SECONDS = 10;

    private Provenance() {
    }

    /** @return {@code git describe --always --dirty} run in {@code projectDir}, or {@code unknown} if git fails */
    static String commit(Path projectDir) {
        String described = command(projectDir, "git", "describe", "--always", "--dirty");
        return described == null || described.isBlank() ? "unknown" : described.trim();
    }

    /** @return the cores, operating system, JVM, CPU model and total memory of this machine */
    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        String uname = command(Path.of("."), "uname", "-sr");
        machine.put("os", uname != null && !uname.isBlank() ? uname.trim()
                : System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("cpu", cpuModel());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            machine.put("totalMemoryBytes", os.getTotalMemorySize());
        }
        return machine;
    }

    /** @return every system property of the run that starts with {@code bench.}, sorted by name */
    static Map<String, Object> benchProperties() {
        Map<String, Object> properties = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench."))
                .forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
            return lines.stream().filter(line -> line.startsWith("model name")).map(line -> line.substring(
                    line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** @return what the command printed, or null if it failed or took longer than 10 s */
    private static String command(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // a line or two: the pipe holds it while we wait, bounded, for the end
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0
                    ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
