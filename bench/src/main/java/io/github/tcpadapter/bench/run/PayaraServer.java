package io.github.tcpadapter.bench.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Payara Server the build unpacked into {@code bench/target/payara6}, its {@code domain1} run in a JVM of its
 * own: started, given the EAR, and stopped, each through asadmin and each bounded in time.
 */
final class PayaraServer implements AutoCloseable {

    private static final long ASADMIN_MILLIS = TimeUnit.MINUTES.toMillis(3);

    private final Path home;
    private final Path log;
    private boolean started;

    /**
     * @param home the unpacked server ({@code payara6})
     * @param log where asadmin's own output goes
     */
    PayaraServer(Path home, Path log) {
        this.home = home;
        this.log = log;
    }

    void start() throws IOException, InterruptedException {
        asadmin("start-domain", "domain1");
        started = true;
    }

    /** Deploys (or redeploys) the EAR as the application {@code tcp-adapter}. */
    void deploy(Path ear) throws IOException, InterruptedException {
        asadmin("deploy", "--force=true", "--name", "tcp-adapter", ear.toString());
    }

    /** @return the server JVM's process id, for JFR */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("glassfish/domains/domain1/config/pid")).trim());
    }

    /** @return the domain's key store, which holds its certificate {@code s1as} (password changeit) */
    Path keyStore() {
        return home.resolve("glassfish/domains/domain1/config/keystore.p12");
    }

    /** @return the domain's server log */
    Path serverLog() {
        return home.resolve("glassfish/domains/domain1/logs/server.log");
    }

    private void asadmin(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(ASADMIN_MILLIS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("asadmin " + String.join(" ", args) + " took more than " + ASADMIN_MILLIS + " ms");
        }
        if (process.exitValue() != 0) {
            throw new IOException("asadmin " + String.join(" ", args) + " failed (exit " + process.exitValue()
                    + "); see " + log + ":\n" + tail(log));
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            asadmin("stop-domain", "domain1");
        }
    }

    /** @return whether {@code file} looks like an unpacked Payara Server */
    static boolean isInstalledAt(Path home) {
        return new File(home.resolve("bin/asadmin").toString()).canExecute();
    }
}
