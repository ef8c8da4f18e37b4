package io.github.tcpadapter.bench.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Payara Server the build unpacked into {@code bench/target/payara6}, its {@code domain1} run in a JVM of its
 * own: started, given the EAR, and stopped, each through asadmin and each bounded in time.
 */
final class PayaraServer implements AutoCloseable {

    private static final long ASADMIN_MILLIS = TimeUnit.MINUTES.toMillis(3);

    private final Path home;
    private static final String APPLICATION = "tcp-adapter";

    private final Path log;
    private boolean started;
    private boolean deployed;

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

    /**
     * Deploys the EAR as the application {@code tcp-adapter}, after undeploying one an interrupted run may have
     * left in the domain (Payara then fails to load it at start and refuses the name).
     */
    void deploy(Path ear) throws IOException, InterruptedException {
        if (run("list-applications").contains(APPLICATION + " ")) {
            asadmin("undeploy", APPLICATION);
        }
        asadmin("deploy", "--name", APPLICATION, ear.toString());
        deployed = true;
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
        String output = run(args);
        Files.writeString(log, output, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** @return what asadmin printed; throws unless it succeeded in time */
    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/asadmin").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AS_JAVA", System.getProperty("java.home"));
        Process process = builder.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!process.waitFor(ASADMIN_MILLIS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("asadmin " + String.join(" ", args) + " took more than " + ASADMIN_MILLIS + " ms");
        }
        String printed = output.join();
        if (process.exitValue() != 0) {
            throw new IOException("asadmin " + String.join(" ", args) + " failed (exit " + process.exitValue()
                    + "):\n" + printed + "\nSee " + serverLog());
        }
        return printed;
    }

    @Override
    public void close() throws IOException {
        try {
            undeployAndStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the server", e);
        }
    }

    private void undeployAndStop() throws IOException, InterruptedException {
        if (deployed) {
            deployed = false;
            asadmin("undeploy", APPLICATION); // the next run starts from an empty domain
        }
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
