package io.github.tcpadapter.cluster.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The topology every test of this module runs on, started once (it takes a minute) by the first test that asks for
 * it and stopped when the test run ends ({@link Closer}), or by a shutdown hook if the JVM ends first: the sample's
 * device simulator, {@link PayaraCluster} (a DAS and two instances in a deployment group, the EAR deployed to the
 * group) and HAProxy in front of both instances ({@code haproxy.cfg}).
 *
 * <p>System property {@code cluster.haproxy}: {@code auto} runs the tests where {@code /usr/sbin/haproxy} is
 * installed and skips them elsewhere, {@code required} fails without it, {@code off} skips them.
 */
final class ClusterTopology {

    /** The sample's listeners (their ports as the beans name them; each instance binds port + its offset). */
    static final int ECHO = 9000;
    static final int GATEWAY = 9001;
    static final int CHAT = 9002;
    static final int ASYNC_GATEWAY = 9004;
    /** HAProxy's frontend for a sample port, and its backend's name, as in {@code haproxy.cfg}. */
    private static final Map<Integer, Integer> FRONTENDS = Map.of(ECHO, 26500, GATEWAY, 26501, CHAT, 26502,
            ASYNC_GATEWAY, 26504);
    private static final Map<Integer, String> BACKENDS = Map.of(ECHO, "echo", GATEWAY, "gateway", CHAT, "chat",
            ASYNC_GATEWAY, "async-gateway");
    private static final int STATS_PORT = 26510;
    private static final int BACKEND_PORT = 26520;
    private static final Duration WHOLE = Duration.ofSeconds(120);
    private static final Logger LOG = Logger.getLogger(ClusterTopology.class.getName());

    private static ClusterTopology current;
    private static RuntimeException startFailure;

    private final Path work;
    private final PayaraCluster cluster;
    private SampleDevice device;
    private BackendEcho backend;
    private HaproxyProcess haproxy;

    private ClusterTopology(Path work, PayaraCluster cluster) {
        this.work = work;
        this.cluster = cluster;
    }

    /**
     * @return the running topology, started at the first call
     * @throws org.opentest4j.TestAbortedException if HAProxy is missing and not required, or cluster.haproxy=off
     * @throws IllegalStateException if it cannot start (then every later call fails the same way, at once)
     */
    static synchronized ClusterTopology get() {
        assumeHaproxy();
        if (startFailure != null) {
            throw new IllegalStateException("The cluster could not start (see the first failure)", startFailure);
        }
        if (current == null) {
            ClusterTopology topology = new ClusterTopology(path("cluster.work", "target/cluster"),
                    new PayaraCluster(path("payara.home", "target/payara6"),
                            path("cluster.java.home", System.getProperty("java.home")),
                            path("cluster.work", "target/cluster")));
            Runtime.getRuntime().addShutdownHook(new Thread(topology::kill, "cluster-topology-kill"));
            try {
                topology.start();
            } catch (IOException | RuntimeException e) {
                startFailure = e instanceof RuntimeException runtime ? runtime : new UncheckedIOException(
                        (IOException) e);
                topology.stop();
                throw startFailure;
            }
            current = topology;
        }
        return current;
    }

    /** @return the running topology, once both instances are ready and in HAProxy: where every fault test starts */
    static ClusterTopology whole() {
        ClusterTopology topology = get();
        topology.awaitWhole();
        return topology;
    }

    private void start() throws IOException {
        Files.createDirectories(work);
        // this run's logs and figures alone
        for (String file : List.of("asadmin.log", "haproxy.log", "device-simulator.out")) {
            Files.deleteIfExists(work.resolve(file));
        }
        Files.deleteIfExists(work.resolveSibling("cluster-faults.txt"));
        long start = System.nanoTime();
        device = SampleDevice.start(path("cluster.java.home", System.getProperty("java.home")),
                work.resolve("device-simulator.log"));
        backend = BackendEcho.start(BACKEND_PORT);
        cluster.start(path("cluster.ear", "target/tcp-adapter-ear.ear"), BACKEND_PORT);
        haproxy = HaproxyProcess.start(path("haproxy.binary", "/usr/sbin/haproxy"),
                path("haproxy.config", "target/test-classes/haproxy.cfg"), work.resolve("haproxy.log"), STATS_PORT);
        awaitWhole();
        LOG.info(() -> "Cluster started in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
    }

    /** Stops HAProxy, the instances, the DAS, the backend and the device, each bounded; what is left is killed. */
    private void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
        cluster.stopAll();
        if (backend != null) {
            try {
                backend.close();
            } catch (IOException e) {
                LOG.warning(() -> "Cannot close the gateway's backend: " + e);
            }
        }
        if (device != null) {
            device.close();
        }
    }

    // the shutdown hook: no asadmin (its JVMs would start while this one ends), only kill
    private void kill() {
        if (haproxy != null) {
            haproxy.close();
        }
        cluster.killLeftovers();
        if (device != null) {
            device.close();
        }
    }

    PayaraCluster cluster() {
        return cluster;
    }

    List<PayaraInstance> instances() {
        return cluster.instances();
    }

    HaproxyProcess haproxy() {
        return haproxy;
    }

    /** @return the directory of this run's logs and figures ({@code target/cluster}) */
    Path work() {
        return work;
    }

    /** @return HAProxy's port for a sample port */
    static int balancerPort(int port) {
        return FRONTENDS.get(port);
    }

    /** @return HAProxy's backend for a sample port ({@code echo}, ...) */
    static String backend(int port) {
        return BACKENDS.get(port);
    }

    /** Connects to a sample listener through HAProxy (a chat client then reads its {@code welcome} line). */
    LineClient connectThroughBalancer(int port, Duration readTimeout) throws IOException {
        return new LineClient(balancerPort(port), readTimeout);
    }

    /** Connects to a sample listener of one instance directly (at port + its offset), not through HAProxy. */
    LineClient connectDirectly(PayaraInstance instance, int port, Duration readTimeout) throws IOException {
        return new LineClient(instance.listenerPort(port), readTimeout);
    }

    /** @return the console's API of an instance, signed in with the role {@code tcp-console} */
    ConsoleApi console(PayaraInstance instance) {
        return new ConsoleApi(instance, PayaraCluster.CONSOLE_USER, PayaraCluster.CONSOLE_PASSWORD);
    }

    /**
     * @return the instance whose listener on the sample port holds the connection from a client's local port (its
     *     session's peer is the client's own address: HAProxy's PROXY header named it), if any does
     */
    Optional<PayaraInstance> instanceHolding(int port, int clientLocalPort) throws IOException {
        String peer = "127.0.0.1:" + clientLocalPort;
        // each instance lists the cluster's sessions: the one that holds it is the session's member
        for (PayaraInstance instance : instances()) {
            if (console(instance).sessions(port).stream()
                    .anyMatch(session -> session.peer().equals(peer) && session.member().equals(instance.name()))) {
                return Optional.of(instance);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until each of the instances' consoles lists a session of the cluster's listeners on the sample port, held
     * by the member named: the directory has heard of it.
     *
     * @return how long it took
     */
    Duration awaitListed(List<PayaraInstance> where, int port, String sessionId, String member, Duration timeout) {
        return Await.until(timeout, () -> where.stream().allMatch(instance -> sessions(instance, port).stream()
                .anyMatch(session -> session.id().equals(sessionId) && session.member().equals(member))),
                () -> "Session " + sessionId + " of " + member + " is not listed by " + where + " within "
                        + timeout.toSeconds() + " s");
    }

    /**
     * Waits until an instance's console lists no session of a member on the sample port: the member left.
     *
     * @return how long it took
     */
    Duration awaitNoneListed(PayaraInstance where, int port, String member, Duration timeout) {
        return Await.until(timeout, () -> sessions(where, port).stream()
                .noneMatch(session -> session.member().equals(member)), () -> where.name() + " still lists sessions"
                        + " of " + member + " after " + timeout.toSeconds() + " s: " + sessions(where, port));
    }

    private List<ConsoleApi.Session> sessions(PayaraInstance instance, int port) {
        try {
            return console(instance).sessions(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until both instances are ready and HAProxy sends connections to both: the state every test starts in. */
    void awaitWhole() {
        for (PayaraInstance instance : instances()) {
            instance.awaitReady(WHOLE);
            for (String backend : BACKENDS.values()) {
                haproxy.awaitServerState(backend, instance.name(), "UP", WHOLE);
            }
        }
    }

    private static void assumeHaproxy() {
        String mode = System.getProperty("cluster.haproxy", "auto");
        Path binary = path("haproxy.binary", "/usr/sbin/haproxy");
        boolean installed = Files.isExecutable(binary);
        if ("required".equals(mode)) {
            if (!installed) {
                throw new IllegalStateException("cluster.haproxy=required, but " + binary
                        + " is missing: apt-get install haproxy");
            }
            return;
        }
        Assumptions.assumeTrue(!"off".equals(mode) && installed, "Cluster tests skipped: "
                + ("off".equals(mode) ? "cluster.haproxy=off" : "no " + binary)
                + ". To run them: apt-get install haproxy (Debian), then mvn verify; "
                + "-Dcluster.haproxy=required makes them mandatory");
    }

    private static Path path(String property, String fallback) {
        return Paths.get(System.getProperty(property, fallback)).toAbsolutePath();
    }

    /** Stops the topology when the test run ends (registered in {@code META-INF/services}). */
    public static final class Closer implements LauncherSessionListener {

        @Override
        public void launcherSessionClosed(LauncherSession session) {
            synchronized (ClusterTopology.class) {
                if (current != null) {
                    current.stop();
                    current = null;
                }
            }
        }
    }
}
