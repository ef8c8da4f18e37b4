package io.github.tcpadapter.cluster.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Payara Server domain of its own on 127.0.0.1 (DAS on port base {@value #PORT_BASE}), with a deployment group of
 * two instances on the domain's local node, their Domain Data Grid (Payara's Hazelcast) under a cluster name and
 * ports of their own, and the sample EAR deployed to the group. Built with {@code asadmin} as README's "Cluster"
 * section shows; every command is bounded and logged to {@code asadmin.log}.
 */
final class PayaraCluster {

    static final String DOMAIN = "cluster";
    static final String NODE = "localhost-" + DOMAIN;
    static final String GROUP = "tcp-adapter-group";
    static final String APPLICATION = "tcp-adapter";
    static final int PORT_BASE = 26000;
    static final int ADMIN_PORT = PORT_BASE + 48;
    /** The data grid's name: no other Payara on the machine (the ear module's embedded one) joins it. */
    static final String DATA_GRID = "tcp-adapter-cluster-it";
    /** A user of the console's role ({@code tcp-console}) in the instances' {@code file} realm. */
    static final String CONSOLE_USER = "operator";
    static final String CONSOLE_PASSWORD = "cluster-it-1";

    private static final Duration COMMAND = Duration.ofSeconds(60);
    private static final Duration READY = Duration.ofSeconds(120);

    private final Path payaraHome;
    private final Path work;
    private final Asadmin asadmin;
    private final List<PayaraInstance> instances;

    /**
     * @param payaraHome the unpacked distribution
     * @param javaHome the JDK the servers run on
     * @param work a directory of the test run's own: the domain, logs
     */
    PayaraCluster(Path payaraHome, Path javaHome, Path work) {
        this.payaraHome = payaraHome;
        this.work = work;
        this.asadmin = new Asadmin(payaraHome, javaHome, ADMIN_PORT, work.resolve("asadmin.log"));
        Path node = payaraHome.resolve("glassfish/nodes").resolve(NODE);
        // ports 26100-26199 and 26200-26299; listeners at 19000-19004 and 29000-29004
        this.instances = List.of(new PayaraInstance("i1", 26100, 10000, node.resolve("i1")),
                new PayaraInstance("i2", 26200, 20000, node.resolve("i2")));
    }

    List<PayaraInstance> instances() {
        return instances;
    }

    PayaraInstance instance(int index) {
        return instances.get(index);
    }

    /**
     * Creates and starts the domain, the group and its instances, deploys the EAR and waits until both are ready.
     *
     * @param backendPort where the gateway samples' backend listens on 127.0.0.1
     */
    void start(Path ear, int backendPort) {
        killLeftovers();
        deleteRecursively(domainDirectory());
        deleteRecursively(payaraHome.resolve("glassfish/nodes").resolve(NODE));
        asadmin.run(Duration.ofSeconds(120), "create-domain", "--domaindir", domains().toString(),
                "--portbase", String.valueOf(PORT_BASE), "--nopassword", "--checkports=true", DOMAIN);
        asadmin.run(Duration.ofSeconds(180), "start-domain", "--domaindir", domains().toString(), DOMAIN);
        asadmin.run(COMMAND, "set-hazelcast-configuration", "--clustername", DATA_GRID, "--interfaces", "127.0.0.1",
                "--dasbindaddress", "127.0.0.1", "--daspublicaddress", "127.0.0.1", "--dynamic=true");
        asadmin.run(COMMAND, "create-deployment-group", GROUP);
        for (PayaraInstance instance : instances) {
            asadmin.run(COMMAND, "create-instance", "--node", NODE, "--portbase",
                    String.valueOf(instance.portBase()), instance.name());
            // the instance's data grid member on a port of its own (Payara's default for instances is 5900)
            asadmin.run(COMMAND, "set-hazelcast-configuration", "--target", instance.name() + "-config",
                    "--configspecificdatagridstartport", String.valueOf(instance.portBase() + 90));
            asadmin.run(COMMAND, "add-instance-to-deployment-group", "--instance", instance.name(),
                    "--deploymentgroup", GROUP);
            asadmin.run(COMMAND, "create-system-properties", "--target", instance.name(),
                    "io.github.tcpadapter.portOffset=" + instance.portOffset()
                            + ":tcp.backend.host=127.0.0.1:tcp.backend.port=" + backendPort);
        }
        createConsoleUser();
        asadmin.run(Duration.ofSeconds(180), "deploy", "--target", GROUP, "--name", APPLICATION, ear.toString());
        asadmin.run(Duration.ofSeconds(300), "start-deployment-group", GROUP);
        for (PayaraInstance instance : instances) {
            instance.awaitReady(READY);
        }
    }

    /** @return what the DAS's data grid lists: one line per member (the DAS and each instance) */
    String dataGridMembers() {
        return asadmin.run(COMMAND, "list-hazelcast-cluster-members");
    }

    /** Stops an instance gracefully ({@code asadmin stop-instance}): its applications are undeployed first. */
    void stop(PayaraInstance instance) {
        asadmin.run(Duration.ofSeconds(120), "stop-instance", instance.name());
    }

    /** Starts an instance and waits until it is ready. */
    void start(PayaraInstance instance) {
        asadmin.run(Duration.ofSeconds(180), "start-instance", instance.name());
        instance.awaitReady(READY);
    }

    /** Kills the instance's JVM ({@code kill -9}) and waits until it is gone. */
    void kill(PayaraInstance instance) {
        ProcessHandle process = instance.runningProcess();
        process.destroyForcibly();
        Await.until(Duration.ofSeconds(30), () -> !process.isAlive(), () -> instance.name() + " (pid "
                + process.pid() + ") still runs 30 s after kill -9");
    }

    /**
     * Stops what runs, also after a failed start: the instances, then the DAS, each with {@code asadmin} and a time
     * limit; what is still alive then is killed.
     */
    void stopAll() {
        for (PayaraInstance instance : instances) {
            if (instance.process().isPresent()) {
                resumeQuietly(instance); // a suspended instance cannot stop
                asadmin.attempt(Duration.ofSeconds(60), "stop-instance", instance.name());
            }
        }
        if (domainProcess().isPresent()) {
            asadmin.attempt(Duration.ofSeconds(60), "stop-domain", "--domaindir", domains().toString(), DOMAIN);
        }
        killLeftovers();
    }

    /** Kills, without asking, every JVM a pid file of this domain or its instances names: the last resort. */
    void killLeftovers() {
        Stream.concat(instances.stream().map(PayaraInstance::process), Stream.of(domainProcess()))
                .flatMap(Optional::stream)
                .forEach(process -> {
                    process.destroyForcibly();
                    try {
                        process.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // reported by the caller's next step: the ports are still taken
                    }
                });
    }

    private Optional<ProcessHandle> domainProcess() {
        return PidFile.process(domainDirectory().resolve("config/pid"), domainDirectory());
    }

    // the realm file is the domain's, synchronised to every instance: one user serves both
    private void createConsoleUser() {
        Path passwordFile = work.resolve("console-user-password.txt");
        try {
            Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + CONSOLE_PASSWORD + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        asadmin.run(COMMAND, "--passwordfile", passwordFile.toString(), "create-file-user", "--groups", "tcp-console",
                "--target", instances.get(0).name(), CONSOLE_USER);
    }

    private static void resumeQuietly(PayaraInstance instance) {
        try {
            instance.signal("CONT");
        } catch (IllegalStateException e) {
            // it has just ended
        }
    }

    private Path domains() {
        return work.resolve("domains");
    }

    private Path domainDirectory() {
        return domains().resolve(DOMAIN);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
