package io.github.tcpadapter.bench.run;

import io.github.tcpadapter.bench.server.BenchPorts;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    private static final String BURST = "io.github.tcpadapter.bench.load.HandshakeBurst";
    private static final String NETTY = "io.github.tcpadapter.bench.peers.NettyEchoServer";
    private static final String BLOCKING = "io.github.tcpadapter.bench.peers.BlockingEchoServer";
    private static final String SPRING = "io.github.tcpadapter.bench.peers.SpringEchoServer";
    private static final String SPRING_OUTBOUND = "io.github.tcpadapter.bench.peers.SpringOutboundClient";

    private static final int NETTY_PORT = 19_300;
    private static final int NETTY_TLS_PORT = 19_303;
    /** The callers of the multiplexed group: the server's default 32 threads, each with one request in flight. */
    private static final int MULTIPLEXED_CALLERS = 32;
    /** The load of every inbound warm-up cell: a load every run measures, which no server here breaks under. */
    private static final int WARMUP_CONNECTIONS = 100;
    /** The callers of every outbound warm-up cell. */
    private static final int WARMUP_CALLERS = 8;
    /** The bound on a whole TLS handshake burst. */
    private static final int BURST_DEADLINE_SECONDS = 60;

    private static final Report.Columns INBOUND = new Report.Columns("server", "connections", "requests/s", false);
    private static final Report.Columns CALLERS = new Report.Columns("caller", "callers", "requests/s", false);
    private static final Report.Columns BURST_COLUMNS =
            new Report.Columns("server", "new TLS connections", "handshakes/s", true);

    /** An inbound server and its port. */
    private record Server(String subject, int port, boolean tls) {
    }

    /** An outbound way of calling: a mode of the control bean, or Spring's client in its own JVM (mode null). */
    private record Caller(String subject, String mode) {
    }

    private static final List<Server> PLAIN = List.of(new Server(Subjects.NETTY, NETTY_PORT, false),
            new Server(Subjects.BLOCKING, 19_301, false),
            new Server(Subjects.SPRING, 19_302, false),
            new Server(Subjects.MDB_CMT, Integer.parseInt(BenchPorts.ECHO), false),
            new Server(Subjects.MDB, Integer.parseInt(BenchPorts.ECHO_NO_TX), false),
            new Server(Subjects.MDB_INLINE, Integer.parseInt(BenchPorts.ECHO_INLINE), false));
    /** Measured at 100 connections and more: the default event loops (one per core) against one. */
    private static final Server ONE_LOOP = new Server(Subjects.MDB_ONE_LOOP,
            Integer.parseInt(BenchPorts.ECHO_ONE_LOOP), false);
    private static final List<Server> TLS = List.of(new Server(Subjects.NETTY_TLS, NETTY_TLS_PORT, true),
            new Server(Subjects.MDB_TLS, Integer.parseInt(BenchPorts.ECHO_TLS), true));
    private static final List<Server> BURSTS = List.of(new Server(Subjects.NETTY_TLS, NETTY_TLS_PORT, true),
            new Server(Subjects.MDB_TLS, Integer.parseInt(BenchPorts.ECHO_TLS), true),
            new Server(Subjects.MDB_TLS_ONE_LOOP, Integer.parseInt(BenchPorts.ECHO_TLS_ONE_LOOP), true));
    private static final Caller SPRING_CALLER = new Caller(Subjects.SPRING_OUTBOUND, null);
    private static final List<Caller> MULTIPLEXED = List.of(new Caller(Subjects.PIPELINED, "pipelined"),
            new Caller(Subjects.ASYNC, "multiplexed"),
            new Caller(Subjects.BLOCKING_MULTIPLEXED, "multiplexed-blocking"),
            new Caller(Subjects.CAPPED, "pooled-capped"));

    private final Settings settings;
    private final Report report = new Report();
    private String loopCpuTable = "";

    private BenchmarkRun(Settings settings) {
        this.settings = settings;
    }

    /** The run's size: {@code -Dbench.quick} for a short one. */
    private record Settings(boolean quick, int seconds, int warmup, int repetitions, List<Integer> connections,
            List<Integer> tlsConnections, List<Integer> callers, List<Integer> bytes, int idleConnections,
            int burstConnections, int warmupCellSeconds, boolean profile, Set<String> only) {

        /** The groups of a whole run; {@code -Dbench.only=inbound,idle} runs some of them, and judges no target. */
        static final Set<String> GROUPS = Set.of("inbound", "outbound", "multiplexed", "idle");

        static Settings fromSystemProperties() {
            boolean quick = Boolean.getBoolean("bench.quick");
            boolean profile = Boolean.getBoolean("bench.profile");
            Set<String> only = only(System.getProperty("bench.only", ""));
            return quick
                    // warm-up cells of 2 s, not 1 + 2: the quick run stays near 4 minutes
                    ? new Settings(true, 2, 1, 1, List.of(1, 100), List.of(100), List.of(1, 8), List.of(64), 2_000,
                            200, 2, profile, only)
                    : new Settings(false, 5, 1, 2, List.of(1, 100, 1_000), List.of(1, 100), List.of(1, 8, 32),
                            List.of(64, 4_096), 10_000, 500, 6, profile, only);
        }

        private static Set<String> only(String list) {
            Set<String> groups = Arrays.stream(list.split(",")).map(String::trim).filter(g -> !g.isEmpty())
                    .collect(Collectors.toSet());
            if (!GROUPS.containsAll(groups)) {
                throw new IllegalArgumentException("bench.only=" + list + ": the groups are " + GROUPS);
            }
            return groups.isEmpty() ? GROUPS : groups;
        }

        boolean runs(String group) {
            return only.contains(group);
        }

        boolean partial() {
            return !only.equals(GROUPS);
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
        String commit = Provenance.commit(Path.of(System.getProperty("bench.projectDir", ".")));
        requireFreePorts();
        Path ear = BenchEar.write(Path.of(System.getProperty("bench.sampleEar")),
                Path.of(System.getProperty("bench.classes")), List.of(classPathEntry("HdrHistogram")),
                output.resolve("tcp-adapter-bench.ear"));
        recordSettings();
        System.out.println("Commit " + commit + "; " + Provenance.machine());
        try (PayaraServer server = new PayaraServer(payaraHome, output.resolve("asadmin.log"))) {
            System.out.println("Starting Payara Server " + payaraHome + " and deploying " + ear);
            server.start();
            server.deploy(ear);
            awaitListening(BenchPorts.ECHO, BenchPorts.ECHO_NO_TX, BenchPorts.ECHO_TLS, BenchPorts.ECHO_INLINE,
                    BenchPorts.ECHO_ONE_LOOP, BenchPorts.ECHO_TLS_ONE_LOOP, BenchPorts.CONTROL);
            Profiler profiler = new Profiler(server, output, settings.profile());
            if (settings.runs("inbound")) {
                inbound(server, profiler);
                loopCpu();
            }
            if (settings.runs("outbound")) {
                outbound(server, profiler);
            }
            if (settings.runs("multiplexed")) {
                multiplexed();
            }
            if (settings.runs("idle")) {
                idle();
            }
            profiler.summarise();
        }
        report.setting("totalSeconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        String date = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Targets.Row> targets = Targets.judge(report,
                Targets.notJudged(settings.quick(), settings.partial(), commit));
        report.writeJson(output.resolve("benchmark-results.json"), commit, Provenance.machine(), targets);
        String tables = tables(commit, date, targets);
        System.out.println();
        System.out.print(tables);
        Files.writeString(output.resolve("benchmark-tables.md"), tables, StandardCharsets.UTF_8);
        List<Path> charts = new Charts(report, output.resolve("charts"), commit, date).write(inboundSubjects(),
                outboundSubjects(), BURSTS.stream().map(Server::subject).toList());
        System.out.println("Every figure: " + output.resolve("benchmark-results.json").toAbsolutePath());
        System.out.println("The tables: " + output.resolve("benchmark-tables.md").toAbsolutePath());
        System.out.println("Charts: " + charts.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }

    private void recordSettings() {
        report.setting("quick", settings.quick());
        report.setting("groups", new TreeSet<>(settings.only()).toString());
        report.setting("profile", settings.profile());
        report.setting("cellSeconds", settings.seconds());
        report.setting("warmupSeconds", settings.warmup());
        report.setting("warmupCellSeconds", settings.warmupCellSeconds());
        report.setting("repetitions", settings.repetitions());
        report.setting("connections", settings.connections().toString());
        report.setting("tlsConnections", settings.tlsConnections().toString());
        report.setting("callers", settings.callers().toString());
        report.setting("bytes", settings.bytes().toString());
        report.setting("idleConnections", settings.idleConnections());
        report.setting("burstConnections", settings.burstConnections());
        report.setting("order", "repetition k (from 0) starts at subject k mod n of each load's list");
        report.setting("payara", System.getProperty("bench.payaraVersion", "unknown"));
        report.setting("loadGenerator", "own JVM, one Netty event loop thread, closed loop, LINE framing");
        report.setting("multiplexedPeerDelayMillis", BenchPorts.PEER_DELAY_MILLIS);
        report.setting("multiplexedSockets", BenchPorts.DELAYED_PEER_SOCKETS);
        Provenance.benchProperties().forEach(report::setting);
    }

    /** @return the inbound servers measured at {@code connections}, in their listed order */
    private List<Server> inboundServers(int connections) {
        List<Server> servers = new ArrayList<>(PLAIN);
        if (connections >= 100) {
            servers.add(ONE_LOOP);
        }
        if (settings.tlsConnections().contains(connections)) {
            servers.addAll(TLS);
        }
        return servers;
    }

    private List<String> inboundSubjects() {
        List<String> subjects = new ArrayList<>(PLAIN.stream().map(Server::subject).toList());
        subjects.add(ONE_LOOP.subject());
        TLS.forEach(server -> subjects.add(server.subject()));
        return subjects;
    }

    @SuppressWarnings("try") // the peers only need to run while the cells do
    private void inbound(PayaraServer payara, Profiler profiler) throws Exception {
        Path keyStore = payara.keyStore();
        int bytes = settings.bytes().get(0);
        try (ChildJvm netty = peer(NETTY, NETTY_PORT);
             ChildJvm blocking = peer(BLOCKING, 19_301);
             ChildJvm spring = peer(SPRING, 19_302);
             ChildJvm nettyTls = peer(NETTY, NETTY_TLS_PORT, "--tls", keyStore.toString(), "--password", "changeit")) {
            // every server JVM, and every listener in the server, as warm as the others before the first record
            List<Server> everyServer = new ArrayList<>(PLAIN);
            everyServer.add(ONE_LOOP);
            everyServer.addAll(TLS);
            for (Server server : everyServer) {
                load(server, WARMUP_CONNECTIONS, bytes, settings.warmupCellSeconds(), 0);
                report.warmup(String.format(Locale.ROOT, "inbound: %s, %d connections, %d s", server.subject(),
                        WARMUP_CONNECTIONS, settings.warmupCellSeconds()));
            }
            // each burst's JVM runs the same burst once, unrecorded, before the one it reports (HandshakeBurst)
            for (int k = 0; k < settings.repetitions(); k++) {
                int repetition = k + 1;
                for (int connections : settings.connections()) {
                    for (Server server : Rotation.of(inboundServers(connections), k)) {
                        boolean profiled = repetition == 1 && connections == 100
                                && server.subject().equals(Subjects.MDB);
                        profiler.around(profiled ? "inbound-mdb" : null, () -> report.add(new Measurement("inbound",
                                server.subject(), connections, bytes, repetition, load(server, connections, bytes,
                                        settings.seconds(), settings.warmup()))));
                    }
                }
                for (Server server : Rotation.of(BURSTS, k)) {
                    report.add(new Measurement("burst", server.subject(), settings.burstConnections(), bytes,
                            repetition, burst(server)));
                }
            }
        }
    }

    /** Runs the load generator against {@code server} and returns its figures. */
    private Figures load(Server server, int connections, int bytes, int seconds, int warmup) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(server.port()), "--connections",
                String.valueOf(connections), "--bytes", String.valueOf(bytes), "--seconds", String.valueOf(seconds),
                "--warmup", String.valueOf(warmup)));
        if (server.tls()) {
            args.add("--tls");
        }
        try (ChildJvm load = new ChildJvm("512m", LOAD, args.toArray(String[]::new))) {
            return Figures.parse(load.readLine(TimeUnit.SECONDS.toMillis(seconds + warmup + 60)));
        }
    }

    /** Opens the burst's new TLS connections to {@code server} at once and returns its figures. */
    private Figures burst(Server server) throws IOException {
        try (ChildJvm burst = new ChildJvm("512m", BURST, "--port", String.valueOf(server.port()), "--connections",
                String.valueOf(settings.burstConnections()), "--bytes", String.valueOf(settings.bytes().get(0)),
                "--seconds", String.valueOf(BURST_DEADLINE_SECONDS))) {
            return Figures.parse(burst.readLine(TimeUnit.SECONDS.toMillis(BURST_DEADLINE_SECONDS + 60)));
        }
    }

    private List<String> outboundSubjects() {
        return List.of(Subjects.RAW, Subjects.POOLED, Subjects.PER_REQUEST, Subjects.SPRING_OUTBOUND,
                Subjects.POOLED_TLS);
    }

    @SuppressWarnings("try") // the peers only need to run while the cells do
    private void outbound(PayaraServer payara, Profiler profiler) throws Exception {
        List<Caller> inServer = List.of(new Caller(Subjects.RAW, "raw"), new Caller(Subjects.POOLED, "pooled"),
                new Caller(Subjects.PER_REQUEST, "per-request"), new Caller(Subjects.POOLED_TLS, "pooled-tls"));
        try (ChildJvm peer = peer(NETTY, Integer.parseInt(BenchPorts.OUTBOUND_PEER));
             ChildJvm tlsPeer = peer(NETTY, Integer.parseInt(BenchPorts.OUTBOUND_TLS_PEER), "--tls",
                     payara.keyStore().toString(), "--password", "changeit")) {
            // Spring's client lives one cell: each of its JVMs runs a warm-up cell's time unrecorded first (--prewarm)
            warmUp("outbound", inServer, WARMUP_CALLERS, settings.bytes().get(0));
            report.warmup(String.format(Locale.ROOT, "outbound: %s, %d s before each of its cells, in that cell's JVM",
                    Subjects.SPRING_OUTBOUND, settings.warmupCellSeconds()));
            for (int k = 0; k < settings.repetitions(); k++) {
                int repetition = k + 1;
                for (int bytes : settings.bytes()) {
                    for (int callers : settings.callers()) {
                        List<Caller> subjects = new ArrayList<>(List.of(inServer.get(0), inServer.get(1),
                                inServer.get(2), SPRING_CALLER));
                        if (bytes == settings.bytes().get(0)) {
                            subjects.add(inServer.get(3));
                        }
                        for (Caller caller : Rotation.of(subjects, k)) {
                            boolean profiled = repetition == 1 && callers == 8 && bytes == 64
                                    && caller.subject().equals(Subjects.POOLED);
                            profiler.around(profiled ? "outbound-pooled" : null,
                                    () -> outboundCell("outbound", caller, callers, bytes, repetition));
                        }
                    }
                }
            }
        }
    }

    @SuppressWarnings("try") // the peer only needs to run while the cells do
    private void multiplexed() throws IOException {
        int bytes = settings.bytes().get(0);
        try (ChildJvm peer = peer(NETTY, Integer.parseInt(BenchPorts.DELAYED_PEER), "--delay-millis",
                String.valueOf(BenchPorts.PEER_DELAY_MILLIS))) {
            warmUp("multiplexed", MULTIPLEXED, MULTIPLEXED_CALLERS, bytes);
            for (int k = 0; k < settings.repetitions(); k++) {
                for (Caller caller : Rotation.of(MULTIPLEXED, k)) {
                    outboundCell("multiplexed", caller, MULTIPLEXED_CALLERS, bytes, k + 1);
                }
            }
        }
    }

    /** One unrecorded cell of warm-up and window length per way of calling in the server. */
    private void warmUp(String direction, List<Caller> callers, int load, int bytes) throws IOException {
        for (Caller caller : callers) {
            askServer(caller.mode(), load, bytes, 0, TimeUnit.SECONDS.toMillis(settings.warmupCellSeconds()));
            report.warmup(String.format(Locale.ROOT, "%s: %s, %d callers, %d s", direction, caller.subject(), load,
                    settings.warmupCellSeconds()));
        }
    }

    private void outboundCell(String direction, Caller caller, int callers, int bytes, int repetition)
            throws IOException {
        Figures figures = caller.mode() == null ? springOutbound(callers, bytes)
                : askServer(caller.mode(), callers, bytes, TimeUnit.SECONDS.toMillis(settings.warmup()),
                        TimeUnit.SECONDS.toMillis(settings.seconds()));
        report.add(new Measurement(direction, caller.subject(), callers, bytes, repetition, figures));
    }

    /** Runs the callers in the server for {@code warmupMillis}, then {@code millis}, and returns their figures. */
    private Figures askServer(String mode, int callers, int bytes, long warmupMillis, long millis)
            throws IOException {
        return ControlClient.ask(String.format(Locale.ROOT, "outbound %s %d %d %d %d", mode, callers, bytes,
                warmupMillis, millis), warmupMillis + millis + TimeUnit.SECONDS.toMillis(60));
    }

    private Figures springOutbound(int callers, int bytes) throws IOException {
        try (ChildJvm spring = new ChildJvm("512m", SPRING_OUTBOUND, "--port", BenchPorts.OUTBOUND_PEER,
                "--callers", String.valueOf(callers), "--bytes", String.valueOf(bytes), "--seconds",
                String.valueOf(settings.seconds()), "--warmup", String.valueOf(settings.warmup()), "--prewarm",
                String.valueOf(settings.warmupCellSeconds()))) {
            return Figures.parse(spring.readLine(TimeUnit.SECONDS.toMillis(settings.warmupCellSeconds()
                    + settings.warmup() + settings.seconds() + 60)));
        }
    }

    /** The same idle connections held on the adapter's listener, then on a plain Netty echo in its own JVM. */
    private void idle() throws IOException {
        int count = settings.idleConnections();
        Figures before = ControlClient.ask("stats", 60_000);
        try (ChildJvm clients = idleClients(BenchPorts.ECHO_NO_TX, count)) {
            report.idle(Subjects.IDLE_ADAPTER, idle(before, awaitSessions(() -> ControlClient.ask("stats", 60_000),
                    count)));
        }
        try (ChildJvm netty = peer(NETTY, NETTY_PORT)) {
            Figures nettyBefore = Figures.parse(netty.ask("stats", 60_000));
            try (ChildJvm clients = idleClients(String.valueOf(NETTY_PORT), count)) {
                report.idle(Subjects.IDLE_NETTY, idle(nettyBefore, awaitSessions(
                        () -> Figures.parse(netty.ask("stats", 60_000)), count)));
            }
        }
    }

    private ChildJvm idleClients(String port, int count) throws IOException {
        ChildJvm clients = new ChildJvm("512m", IdleClients.class.getName(), port, String.valueOf(count));
        try {
            return clients.awaitReady(TimeUnit.MINUTES.toMillis(2));
        } catch (IOException e) {
            clients.close();
            throw e;
        }
    }

    private static Report.Idle idle(Figures before, Figures after) {
        return new Report.Idle((int) after.get("sessions"), (long) before.get("heapUsedBytes"),
                (long) after.get("heapUsedBytes"), (int) before.get("threads"), (int) after.get("threads"));
    }

    /** Asks a server for its figures. */
    private interface Stats {
        Figures ask() throws IOException;
    }

    // the listener may still be accepting the last connections when the clients say they are open
    private static Figures awaitSessions(Stats stats, int count) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            Figures figures = stats.ask();
            if (figures.get("sessions") >= count || System.nanoTime() > deadline) {
                return figures;
            }
        }
    }

    private static ChildJvm peer(String mainClass, int port, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
        args.addAll(Arrays.asList(more));
        return new ChildJvm("512m", mainClass, args.toArray(String[]::new)).awaitReady(60_000);
    }

    /** @return every table of the run, its targets and its provenance, as Markdown */
    private String tables(String commit, String date, List<Targets.Row> targets) {
        int bytes = settings.bytes().get(0);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Commit `%s`, %s, %s run: %d s cells after %d s of warm-up, %d "
                + "repetition(s) in rotated order, after one unrecorded warm-up cell of %d s per subject.%n%n",
                commit, date, settings.quick() ? "quick" : "full", settings.seconds(), settings.warmup(),
                settings.repetitions(), settings.warmupCellSeconds()));
        out.append("## Inbound: clients (own JVM) → server → reply, closed loop\n\n");
        out.append(report.table("inbound", INBOUND, inboundSubjects(), Subjects.NETTY));
        out.append(report.errors("inbound"));
        out.append(String.format(Locale.ROOT, "%n## TLS handshake burst: %,d new TLS connections opened at once, "
                + "each a handshake, one %d-byte request/reply and a close%n%n", settings.burstConnections(), bytes));
        out.append("Handshakes/s: completed ÷ first connect to last reply; latency: connect to first reply.\n\n");
        out.append(report.table("burst", BURST_COLUMNS, BURSTS.stream().map(Server::subject).toList(),
                Subjects.NETTY_TLS));
        out.append(report.errors("burst"));
        out.append("\n## Outbound: callers inside the server → external echo (own JVM), closed loop\n\n");
        out.append(report.table("outbound", CALLERS, outboundSubjects(), Subjects.RAW));
        out.append(report.errors("outbound"));
        out.append("\n## Multiplexed: " + MULTIPLEXED_CALLERS + " callers inside the server → peer (own JVM) "
                + "that answers each frame after " + BenchPorts.PEER_DELAY_MILLIS + " ms, in order, over "
                + BenchPorts.DELAYED_PEER_SOCKETS + " sockets, closed loop\n\n");
        out.append(report.table("multiplexed", CALLERS, MULTIPLEXED.stream().map(Caller::subject).toList(),
                Subjects.PIPELINED));
        out.append(String.format(Locale.ROOT, "%nrequestAsync ÷ the limit: %s; requestAsync ÷ the capped pool: %s%n",
                report.ratio("multiplexed", Subjects.ASYNC, Subjects.PIPELINED, MULTIPLEXED_CALLERS, bytes),
                report.ratio("multiplexed", Subjects.ASYNC, Subjects.CAPPED, MULTIPLEXED_CALLERS, bytes)));
        out.append(report.errors("multiplexed"));
        if (!loopCpuTable.isEmpty()) {
            out.append("\n## The adapter's event loops: CPU per frame over the inbound group, warm-ups included\n\n");
            out.append(loopCpuTable);
        }
        out.append("\n## Idle connections\n\n");
        out.append(report.idleTable());
        out.append("\n## Targets, judged from this run alone\n\n");
        out.append(Report.targetsTable(targets));
        return out.toString();
    }

    /**
     * What the adapter's listeners' event loops cost per frame received over the inbound group, warm-up cells
     * included: the CPU time of their threads (the server's ThreadMXBean) over the listener's FramesIn.
     */
    private void loopCpu() throws IOException {
        // the listeners in Payara, by their ports, each once (the TLS listener serves a TLS row and the burst)
        Set<Integer> inPayara = Stream.of(BenchPorts.ECHO, BenchPorts.ECHO_NO_TX, BenchPorts.ECHO_INLINE,
                BenchPorts.ECHO_ONE_LOOP, BenchPorts.ECHO_TLS, BenchPorts.ECHO_TLS_ONE_LOOP).map(Integer::valueOf)
                .collect(Collectors.toSet());
        List<Server> adapters = Stream.of(PLAIN, List.of(ONE_LOOP), TLS, BURSTS).flatMap(List::stream)
                .filter(server -> inPayara.contains(server.port())).distinct().toList();
        StringBuilder table = new StringBuilder("| listener | event loops | frames received | loop CPU s | loop CPU per "
                + "frame µs | frames/s one loop carries at 100 % |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Server adapter : adapters) {
            Figures figures = ControlClient.ask("loopcpu " + adapter.port(), 60_000);
            double cpuSeconds = figures.get("cpuNanos") / 1e9;
            double frames = figures.get("framesIn");
            double micros = frames > 0 ? cpuSeconds * 1e6 / frames : Double.NaN;
            report.setting("loopCpu " + adapter.subject(), figures.all().toString());
            table.append(String.format(Locale.ROOT, "| %s | %.0f | %,.0f | %.1f | %.1f | %,.0f |%n", adapter.subject(),
                    figures.get("loops"), frames, cpuSeconds, micros, 1e6 / micros));
        }
        loopCpuTable = table.toString();
    }

    private static void requireFreePorts() throws IOException {
        List<Integer> ports = new ArrayList<>(List.of(4848, 8080, 8181, 3700, 7676, 8686, 9000, 9001, 9002, 9003,
                9004, 19_300, 19_301, 19_302, 19_303));
        for (String port : List.of(BenchPorts.ECHO, BenchPorts.ECHO_NO_TX, BenchPorts.ECHO_TLS, BenchPorts.ECHO_INLINE,
                BenchPorts.ECHO_ONE_LOOP, BenchPorts.ECHO_TLS_ONE_LOOP, BenchPorts.CONTROL,
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
