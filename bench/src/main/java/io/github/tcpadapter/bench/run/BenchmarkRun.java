package io.github.tcpadapter.bench.run;

import io.github.tcpadapter.bench.server.BenchPorts;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code mvn -P bench verify}: starts the Payara Server the build unpacked, deploys the sample EAR with the
 * benchmark's beans, starts the peers each in a JVM of its own, and measures, interleaved and repeated in this one
 * run: closed-loop request/reply from a load generator in its own JVM to each inbound server, outbound callers
 * inside the server through each way of calling, TLS on and off, callers inside the server to a peer that answers
 * after a fixed delay over 2 sockets (multiplexed, a capped pool, a pipelined client), and the server's heap and
 * threads with idle connections. Prints Markdown tables and writes {@code target/benchmark-results.json}. See
 * docs/BENCHMARKS.md.
 */
public final class BenchmarkRun {

    private static final String LOAD = "io.github.tcpadapter.bench.load.LoadGenerator";
    private static final String NETTY = "io.github.tcpadapter.bench.peers.NettyEchoServer";
    private static final String BLOCKING = "io.github.tcpadapter.bench.peers.BlockingEchoServer";
    private static final String SPRING = "io.github.tcpadapter.bench.peers.SpringEchoServer";
    private static final String SPRING_OUTBOUND = "io.github.tcpadapter.bench.peers.SpringOutboundClient";

    private static final String NETTY_SUBJECT = "Netty echo (the limit)";
    private static final String RAW_SUBJECT = "raw persistent socket (the limit)";
    private static final String PIPELINED_SUBJECT = "pipelined Netty client (the limit)";
    private static final String ASYNC_SUBJECT = "multiplexed factory, requestAsync";
    private static final String BLOCKING_MULTIPLEXED_SUBJECT = "multiplexed factory, blocking request";
    private static final String CAPPED_SUBJECT = "pooled factory capped at 2 sockets";
    /** The callers of the multiplexed group: the server's default 32 threads, each with one request in flight. */
    private static final int MULTIPLEXED_CALLERS = 32;

    /** An inbound server and its port. */
    private record Server(String subject, int port, boolean tls) {
    }

    private final Settings settings;
    private final Report report = new Report();

    private BenchmarkRun(Settings settings) {
        this.settings = settings;
    }

    /** The run's size: {@code -Dbench.quick} for a short one. */
    private record Settings(boolean quick, int seconds, int warmup, int repetitions, List<Integer> connections,
            List<Integer> tlsConnections, List<Integer> callers, List<Integer> bytes, int idleConnections,
            boolean profile) {

        static Settings fromSystemProperties() {
            boolean quick = Boolean.getBoolean("bench.quick");
            boolean profile = Boolean.getBoolean("bench.profile");
            return quick
                    ? new Settings(true, 2, 1, 1, List.of(1, 100), List.of(100), List.of(1, 8), List.of(64), 2_000,
                            profile)
                    : new Settings(false, 5, 1, 2, List.of(1, 100, 1_000), List.of(1, 100), List.of(1, 8, 32),
                            List.of(64, 4_096), 10_000, profile);
        }
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(System.getProperty("bench.output", "target"));
        Files.createDirectories(output);
        Path payara = Path.of(System.getProperty("bench.payara"));
        if (!PayaraServer.isInstalledAt(payara)) {
            throw new IllegalStateException("No Payara Server at " + payara + "; run mvn -P bench verify");
        }
        new BenchmarkRun(Settings.fromSystemProperties()).run(payara, output);
    }

    private void run(Path payaraHome, Path output) throws Exception {
        long started = System.nanoTime();
        requireFreePorts();
        Path ear = BenchEar.write(Path.of(System.getProperty("bench.sampleEar")),
                Path.of(System.getProperty("bench.classes")), List.of(classPathEntry("HdrHistogram")),
                output.resolve("tcp-adapter-bench.ear"));
        recordSettings();
        try (PayaraServer server = new PayaraServer(payaraHome, output.resolve("asadmin.log"))) {
            System.out.println("Starting Payara Server " + payaraHome + " and deploying " + ear);
            server.start();
            server.deploy(ear);
            awaitListening(BenchPorts.ECHO, BenchPorts.ECHO_NO_TX, BenchPorts.ECHO_TLS, BenchPorts.CONTROL);
            Profiler profiler = new Profiler(server, output, settings.profile());
            inbound(server, profiler);
            outbound(server, profiler);
            multiplexed();
            idle();
            profiler.summarise();
        }
        report.setting("totalSeconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        report.writeJson(output.resolve("benchmark-results.json"));
        printTables(output);
    }

    private void recordSettings() {
        report.setting("quick", settings.quick());
        report.setting("cellSeconds", settings.seconds());
        report.setting("warmupSeconds", settings.warmup());
        report.setting("repetitions", settings.repetitions());
        report.setting("payara", System.getProperty("bench.payaraVersion", "unknown"));
        report.setting("loadGenerator", "own JVM, one Netty event loop thread, closed loop, LINE framing");
        report.setting("multiplexedPeerDelayMillis", BenchPorts.PEER_DELAY_MILLIS);
        report.setting("multiplexedSockets", BenchPorts.DELAYED_PEER_SOCKETS);
    }

    @SuppressWarnings("try") // the peers only need to run while the cells do
    private void inbound(PayaraServer payara, Profiler profiler) throws Exception {
        Path keyStore = payara.keyStore();
        List<Server> servers = List.of(new Server(NETTY_SUBJECT, 19_300, false),
                new Server("blocking thread per connection", 19_301, false),
                new Server("Spring Integration TcpInboundGateway", 19_302, false),
                new Server("adapter → echo MDB (default CMT)", Integer.parseInt(BenchPorts.ECHO), false),
                new Server("adapter → echo MDB (NOT_SUPPORTED)", Integer.parseInt(BenchPorts.ECHO_NO_TX), false));
        List<Server> tlsServers = List.of(new Server("Netty echo, TLS", 19_303, true),
                new Server("adapter → echo MDB (NOT_SUPPORTED), TLS", Integer.parseInt(BenchPorts.ECHO_TLS), true));
        try (ChildJvm netty = peer(NETTY, 19_300);
             ChildJvm blocking = peer(BLOCKING, 19_301);
             ChildJvm spring = peer(SPRING, 19_302);
             ChildJvm nettyTls = peer(NETTY, 19_303, "--tls", keyStore.toString(), "--password", "changeit")) {
            for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
                int rep = repetition;
                for (int connections : settings.connections()) {
                    for (Server server : servers) {
                        boolean profiled = rep == 1 && connections == 100
                                && server.port() == Integer.parseInt(BenchPorts.ECHO_NO_TX);
                        profiler.around(profiled ? "inbound-mdb" : null,
                                () -> loadCell(server, connections, settings.bytes().get(0), rep));
                    }
                    if (settings.tlsConnections().contains(connections)) {
                        for (Server server : tlsServers) {
                            loadCell(server, connections, settings.bytes().get(0), repetition);
                        }
                    }
                }
            }
        }
    }

    private void loadCell(Server server, int connections, int bytes, int repetition) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(server.port()), "--connections",
                String.valueOf(connections), "--bytes", String.valueOf(bytes), "--seconds",
                String.valueOf(settings.seconds()), "--warmup", String.valueOf(settings.warmup())));
        if (server.tls()) {
            args.add("--tls");
        }
        try (ChildJvm load = new ChildJvm("512m", LOAD, args.toArray(String[]::new))) {
            report.add(new Measurement("inbound", server.subject(), connections, bytes, repetition,
                    Figures.parse(load.readLine(cellMillis()))));
        }
    }

    @SuppressWarnings("try") // the peers only need to run while the cells do
    private void outbound(PayaraServer payara, Profiler profiler) throws Exception {
        try (ChildJvm peer = peer(NETTY, Integer.parseInt(BenchPorts.OUTBOUND_PEER));
             ChildJvm tlsPeer = peer(NETTY, Integer.parseInt(BenchPorts.OUTBOUND_TLS_PEER), "--tls",
                     payara.keyStore().toString(), "--password", "changeit")) {
            for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
                for (int bytes : settings.bytes()) {
                    for (int callers : settings.callers()) {
                        int rep = repetition;
                        serverCell(RAW_SUBJECT, "raw", callers, bytes, rep);
                        profiler.around(rep == 1 && callers == 8 && bytes == 64 ? "outbound-pooled" : null,
                                () -> serverCell("pooled connection factory", "pooled", callers, bytes, rep));
                        serverCell("new socket per request", "per-request", callers, bytes, rep);
                        springOutboundCell(callers, bytes, rep);
                        if (bytes == settings.bytes().get(0)) {
                            serverCell("pooled connection factory, TLS", "pooled-tls", callers, bytes, rep);
                        }
                    }
                }
            }
        }
    }

    @SuppressWarnings("try") // the peer only needs to run while the cells do
    private void multiplexed() throws IOException {
        int bytes = settings.bytes().get(0);
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put(PIPELINED_SUBJECT, "pipelined");
        modes.put(ASYNC_SUBJECT, "multiplexed");
        modes.put(BLOCKING_MULTIPLEXED_SUBJECT, "multiplexed-blocking");
        modes.put(CAPPED_SUBJECT, "pooled-capped");
        try (ChildJvm peer = peer(NETTY, Integer.parseInt(BenchPorts.DELAYED_PEER), "--delay-millis",
                String.valueOf(BenchPorts.PEER_DELAY_MILLIS))) {
            // the peer's JVM is new, and none of these paths has run in the server: one round of every subject,
            // not recorded, so that the first cell measured does not pay for it
            for (String mode : modes.values()) {
                askServer(mode, MULTIPLEXED_CALLERS, bytes, TimeUnit.SECONDS.toMillis(1));
            }
            for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
                for (Map.Entry<String, String> subject : modes.entrySet()) {
                    serverCell("multiplexed", subject.getKey(), subject.getValue(), MULTIPLEXED_CALLERS, bytes,
                            repetition);
                }
            }
        }
    }

    private void serverCell(String subject, String mode, int callers, int bytes, int repetition) throws IOException {
        serverCell("outbound", subject, mode, callers, bytes, repetition);
    }

    private void serverCell(String direction, String subject, String mode, int callers, int bytes, int repetition)
            throws IOException {
        Figures figures = askServer(mode, callers, bytes, TimeUnit.SECONDS.toMillis(settings.seconds()));
        report.add(new Measurement(direction, subject, callers, bytes, repetition, figures));
    }

    /** Runs the callers in the server for the warm-up, then {@code millis}, and returns their figures. */
    private Figures askServer(String mode, int callers, int bytes, long millis) throws IOException {
        return ControlClient.ask(String.format(Locale.ROOT, "outbound %s %d %d %d %d", mode, callers, bytes,
                TimeUnit.SECONDS.toMillis(settings.warmup()), millis), cellMillis());
    }

    private void springOutboundCell(int callers, int bytes, int repetition) throws IOException {
        try (ChildJvm spring = new ChildJvm("512m", SPRING_OUTBOUND, "--port", BenchPorts.OUTBOUND_PEER,
                "--callers", String.valueOf(callers), "--bytes", String.valueOf(bytes), "--seconds",
                String.valueOf(settings.seconds()), "--warmup", String.valueOf(settings.warmup()))) {
            report.add(new Measurement("outbound", "Spring Integration TcpOutboundGateway (own JVM)", callers, bytes,
                    repetition, Figures.parse(spring.readLine(cellMillis()))));
        }
    }

    private void idle() throws IOException {
        Figures before = ControlClient.ask("stats", 60_000);
        try (ChildJvm clients = new ChildJvm("512m", IdleClients.class.getName(), BenchPorts.ECHO_NO_TX,
                String.valueOf(settings.idleConnections()))) {
            clients.awaitReady(TimeUnit.MINUTES.toMillis(2));
            Figures after = awaitSessions(settings.idleConnections());
            report.idle("connections", settings.idleConnections());
            report.idle("heapBeforeBytes", (long) before.get("heapUsedBytes"));
            report.idle("heapAfterBytes", (long) after.get("heapUsedBytes"));
            report.idle("threadsBefore", (long) before.get("threads"));
            report.idle("threadsAfter", (long) after.get("threads"));
        }
    }

    // the listener may still be accepting the last connections when the clients say they are open
    private static Figures awaitSessions(int count) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            Figures stats = ControlClient.ask("stats", 60_000);
            if (stats.get("sessions") >= count || System.nanoTime() > deadline) {
                return stats;
            }
        }
    }

    private long cellMillis() {
        return TimeUnit.SECONDS.toMillis(settings.warmup() + settings.seconds() + 60);
    }

    private static ChildJvm peer(String mainClass, int port, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
        args.addAll(Arrays.asList(more));
        return new ChildJvm("512m", mainClass, args.toArray(String[]::new)).awaitReady(60_000);
    }

    private void printTables(Path output) {
        System.out.println();
        System.out.println("## Inbound: clients (own JVM) → server → reply, closed loop");
        System.out.println();
        System.out.print(report.table("inbound", List.of(NETTY_SUBJECT, "blocking thread per connection",
                "Spring Integration TcpInboundGateway", "adapter → echo MDB (default CMT)",
                "adapter → echo MDB (NOT_SUPPORTED)", "Netty echo, TLS", "adapter → echo MDB (NOT_SUPPORTED), TLS"),
                NETTY_SUBJECT));
        System.out.println();
        System.out.println("## Outbound: callers inside the server → external echo (own JVM), closed loop");
        System.out.println();
        System.out.print(report.table("outbound", List.of(RAW_SUBJECT, "pooled connection factory",
                "new socket per request", "Spring Integration TcpOutboundGateway (own JVM)",
                "pooled connection factory, TLS"), RAW_SUBJECT));
        System.out.println();
        System.out.println("## Multiplexed: " + MULTIPLEXED_CALLERS + " callers inside the server → peer (own JVM) "
                + "that answers each frame after " + BenchPorts.PEER_DELAY_MILLIS + " ms, in order, over "
                + BenchPorts.DELAYED_PEER_SOCKETS + " sockets, closed loop");
        System.out.println();
        System.out.print(report.table("multiplexed", List.of(PIPELINED_SUBJECT, ASYNC_SUBJECT,
                BLOCKING_MULTIPLEXED_SUBJECT, CAPPED_SUBJECT), PIPELINED_SUBJECT));
        System.out.println();
        int bytes = settings.bytes().get(0);
        System.out.printf(Locale.ROOT, "requestAsync ÷ the limit: %s; requestAsync ÷ the capped pool: %s%n",
                report.ratio("multiplexed", ASYNC_SUBJECT, PIPELINED_SUBJECT, MULTIPLEXED_CALLERS, bytes),
                report.ratio("multiplexed", ASYNC_SUBJECT, CAPPED_SUBJECT, MULTIPLEXED_CALLERS, bytes));
        System.out.print(report.errors("multiplexed"));
        System.out.println();
        System.out.println(report.idleTable());
        System.out.println("Every figure: " + output.resolve("benchmark-results.json").toAbsolutePath());
    }

    private static void requireFreePorts() throws IOException {
        List<Integer> ports = new ArrayList<>(List.of(4848, 8080, 8181, 3700, 7676, 8686, 9000, 9001, 9002, 9003,
                9004, 19_300, 19_301, 19_302, 19_303));
        for (String port : List.of(BenchPorts.ECHO, BenchPorts.ECHO_NO_TX, BenchPorts.ECHO_TLS, BenchPorts.CONTROL,
                BenchPorts.OUTBOUND_PEER, BenchPorts.OUTBOUND_TLS_PEER, BenchPorts.DELAYED_PEER)) {
            ports.add(Integer.parseInt(port));
        }
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                throw new IOException("Port " + port + " is taken; the benchmark needs it (a Payara Server of "
                        + "mvn -P run verify still running?): " + e.getMessage(), e);
            }
        }
    }

    private static void awaitListening(String... ports) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (String port : ports) {
            while (true) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), 1_000);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("Nothing listens on " + port + " a minute after the deployment", e);
                    }
                    Thread.sleep(200); // polling a deployment's listeners, not synchronising a test
                }
            }
        }
    }

    private static Path classPathEntry(String containing) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains(containing)).map(Path::of).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + containing + " on the class path"));
    }
}
