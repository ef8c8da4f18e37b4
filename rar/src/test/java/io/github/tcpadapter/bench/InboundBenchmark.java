package io.github.tcpadapter.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.inbound.InboundListener;
import io.github.tcpadapter.inbound.TcpActivationSpec;
import io.github.tcpadapter.inbound.session.SessionRegistry;
import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TestTlsClients;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;

/**
 * Inbound listener throughput and memory, through the real listener with a trivial echo endpoint and a
 * thread-pool work manager, LINE framing on 127.0.0.1. Run with {@code mvn -P microbench -pl rar verify}; prints a
 * Markdown table.
 *
 * <ul>
 *   <li>Frames/s, pipelined: each client connection writes its frames as fast as it can (one thread) while another
 *       thread reads the replies, so the listener's pipeline is full; the time runs from the first write to the last
 *       reply of all connections.</li>
 *   <li>Frames/s, request/reply: each connection sends a frame and waits for its reply before the next (closed
 *       loop), as most line protocols do.</li>
 *   <li>Each of those plaintext and over TLS 1.3 (EC P-256 certificate made at start), one right after the other,
 *       clients and listener in this one JVM.</li>
 *   <li>Heap of idle connections: the clients run in a child JVM, so this JVM's heap holds only the listener's
 *       side; used heap is measured after a full GC before they connect and once all are connected.</li>
 *   <li>Frame capture (what the live console opens): the plaintext pipelined and request/reply loads with no capture
 *       open, with a capture of all the listener's sessions (capacity 1,000, as the console's) drained by a thread
 *       with {@code poll(500, 100 ms)}, and with a capture of another, idle session only (every frame of the load is
 *       looked at and filtered out). Each mode runs once as warm-up, then 3 repetitions in which the modes
 *       alternate, each repetition in another order; prints the median and the range. An idle extra connection is
 *       open in every mode, so that the modes differ only in the capture.</li>
 * </ul>
 *
 * <p>{@code -Dbench.only=<parts>} runs only some of it, a comma-separated list of {@code throughput} (the frames/s
 * table), {@code capture} (the frame capture table) and {@code idle} (the idle connections' heap); by default all
 * three. The profile passes it on, for example:
 * {@code mvn -P microbench -pl rar test-compile exec:exec@inbound-benchmark -Dbench.only=capture} runs the capture
 * table alone.
 */
public final class InboundBenchmark {

    private static final String LOCALHOST = "127.0.0.1";
    private static final int WORK_THREADS = 32;
    private static final int IDLE_CONNECTIONS = 10_000;
    private static final long TIMEOUT_SECONDS = 300;
    private static final int CAPTURE_REPETITIONS = 3;
    private static final int CAPTURE_CAPACITY = 1000; // the console's
    // held: java.util.logging keeps loggers weakly, and a collected one forgets its level
    private static final Logger ADAPTER_LOG = Logger.getLogger("io.github.tcpadapter");

    private InboundBenchmark() {
    }

    /**
     * @param args none to benchmark; {@code clients <port> <count>} is the child JVM that holds idle connections
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("clients")) {
            holdIdleConnections(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Set<String> parts = parts(System.getProperty("bench.only", ""));
        ADAPTER_LOG.setLevel(Level.WARNING);
        tls = Tls.make();
        if (parts.contains("throughput")) {
            throughputTable();
        }
        if (parts.contains("capture")) {
            captureTable();
        }
        if (parts.contains("idle")) {
            idleHeap();
        }
    }

    /** @return the parts that {@code -Dbench.only} names; all of them if it is empty or {@code all} */
    private static Set<String> parts(String only) {
        Set<String> all = Set.of("throughput", "capture", "idle");
        if (only.isBlank() || only.strip().equals("all")) {
            return all;
        }
        Set<String> parts = new HashSet<>();
        for (String part : only.split(",")) {
            if (!all.contains(part.strip())) {
                throw new IllegalArgumentException("bench.only: no part " + part.strip() + ", only " + all);
            }
            parts.add(part.strip());
        }
        return parts;
    }

    private static void throughputTable() throws Exception {
        System.out.println("| Scenario | Transport | Frames | Seconds | Frames/s |");
        System.out.println("| --- | --- | ---: | ---: | ---: |");
        throughput(1, 20_000, true, false, false); // warm-up, not printed
        throughput(1, 20_000, true, true, false);
        for (boolean overTls : new boolean[] {false, true}) {
            throughput(1, 300_000, true, overTls, true);
        }
        for (boolean overTls : new boolean[] {false, true}) {
            throughput(100, 5_000, true, overTls, true);
        }
        for (boolean overTls : new boolean[] {false, true}) {
            throughput(1, 30_000, false, overTls, true);
        }
        for (boolean overTls : new boolean[] {false, true}) {
            throughput(16, 10_000, false, overTls, true);
        }
    }

    private static Tls tls;

    /** The listener's key store and what the clients trust, made for this run. */
    private record Tls(Path keyStore, TestTlsClients clients) {

        static Tls make() throws IOException {
            Path dir = Files.createTempDirectory("inbound-benchmark");
            TestCertificates.Identity authority = TestCertificates.authority("Benchmark CA");
            Path keys = authority.issue("listener", LOCALHOST).writeKeyStore(dir.resolve("keys.p12"), "listener",
                    "PKCS12");
            Path trust = TestCertificates.writeTrustStore(dir.resolve("trust.p12"), "PKCS12",
                    authority.certificate());
            return new Tls(keys, new TestTlsClients(null, trust));
        }

        Socket connect(int port, boolean overTls) throws IOException {
            return overTls ? clients.connect(LOCALHOST, port, 10_000) : new Socket(LOCALHOST, port);
        }
    }

    private static void throughput(int connections, int framesPerConnection, boolean pipelined, boolean overTls,
            boolean print) throws Exception {
        try (Server server = new Server(freePort(), overTls)) {
            Load load = load(server, connections, framesPerConnection, pipelined, overTls);
            if (print) {
                System.out.printf("| %s | %s | %,d | %.2f | %,.0f |%n", scenario(pipelined, connections,
                        framesPerConnection), overTls ? "TLS 1.3" : "plaintext", load.frames, load.seconds,
                        load.perSecond());
            }
        }
    }

    private static String scenario(boolean pipelined, int connections, int framesPerConnection) {
        return String.format("%s, %d connection%s × %,d frames", pipelined ? "pipelined" : "request/reply",
                connections, connections == 1 ? "" : "s", framesPerConnection);
    }

    /** How many replies came back and how long they took. */
    private record Load(long frames, double seconds) {

        double perSecond() {
            return frames / seconds;
        }
    }

    /** Connects the clients, then times their frames from the first write to the last reply. */
    private static Load load(Server server, int connections, int framesPerConnection, boolean pipelined,
            boolean overTls) throws Exception {
        ExecutorService clients = new ThreadPoolExecutor(2 * connections, 2 * connections, 0,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                Socket socket = tls.connect(server.port, overTls);
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                sockets.add(socket);
            }
            long start = System.nanoTime();
            List<Future<Integer>> replies = new ArrayList<>();
            for (Socket socket : sockets) {
                if (pipelined) {
                    clients.submit(() -> writeFrames(socket, framesPerConnection));
                    replies.add(clients.submit(() -> readReplies(socket, framesPerConnection)));
                } else {
                    replies.add(clients.submit(() -> requestReply(socket, framesPerConnection)));
                }
            }
            long total = 0;
            for (Future<Integer> reply : replies) {
                total += reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            return new Load(total, (System.nanoTime() - start) / 1e9);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            clients.shutdownNow();
        }
    }

    /** What is watching the listener's frames during a capture cell. */
    private enum Watch {
        NONE("no capture open"),
        ALL("capture of all sessions, drained"),
        OTHER("capture of another session only");

        final String label;

        Watch(String label) {
            this.label = label;
        }
    }

    /** A plaintext load of the capture table. */
    private record CaptureCell(int connections, int framesPerConnection, boolean pipelined) {
    }

    /** One capture cell's outcome: the load, and the frames the capture took and missed (0 unless ALL). */
    private record WatchedLoad(Load load, long captured, long missed) {
    }

    private static void captureTable() throws Exception {
        List<CaptureCell> cells = List.of(new CaptureCell(1, 300_000, true), new CaptureCell(1, 30_000, false),
                new CaptureCell(16, 10_000, false));
        Watch[] modes = Watch.values();
        for (Watch watch : modes) { // warm-up of every path, not printed
            watched(new CaptureCell(1, 20_000, true), watch);
            watched(new CaptureCell(4, 2_000, false), watch);
        }
        Map<CaptureCell, Map<Watch, List<WatchedLoad>>> results = new LinkedHashMap<>();
        for (int repetition = 0; repetition < CAPTURE_REPETITIONS; repetition++) {
            for (CaptureCell cell : cells) {
                for (int m = 0; m < modes.length; m++) {
                    Watch watch = modes[(m + repetition) % modes.length]; // each repetition in another order
                    results.computeIfAbsent(cell, any -> new EnumMap<>(Watch.class))
                            .computeIfAbsent(watch, any -> new ArrayList<>())
                            .add(watched(cell, watch));
                }
            }
        }
        System.out.println();
        System.out.printf("### Frame capture: one JVM, no application server, clients in the same JVM (plaintext, "
                + "LINE, 40-byte frames; frames/s, median (range) of %d repetitions, modes interleaved)%n%n",
                CAPTURE_REPETITIONS);
        StringBuilder header = new StringBuilder("| Scenario |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (Watch watch : modes) {
            header.append(' ').append(watch.label).append(" |");
            rule.append(" ---: |");
        }
        System.out.println(header + " all ÷ none (medians) | captured / missed, all repetitions |");
        System.out.println(rule + " ---: | ---: |");
        for (Map.Entry<CaptureCell, Map<Watch, List<WatchedLoad>>> row : results.entrySet()) {
            CaptureCell cell = row.getKey();
            StringBuilder line = new StringBuilder("| ")
                    .append(scenario(cell.pipelined, cell.connections, cell.framesPerConnection)).append(" |");
            for (Watch watch : modes) {
                double[] rates = rates(row.getValue().get(watch));
                line.append(String.format(" %,.0f (%,.0f–%,.0f) |", median(rates), rates[0],
                        rates[rates.length - 1]));
            }
            List<WatchedLoad> all = row.getValue().get(Watch.ALL);
            line.append(String.format(" %.2f | %,d / %,d |", median(rates(all)) / median(rates(
                    row.getValue().get(Watch.NONE))), all.stream().mapToLong(WatchedLoad::captured).sum(),
                    all.stream().mapToLong(WatchedLoad::missed).sum()));
            System.out.println(line);
        }
    }

    private static double[] rates(List<WatchedLoad> runs) {
        return runs.stream().mapToDouble(w -> w.load.perSecond()).sorted().toArray();
    }

    /** @param sorted at least one value, in ascending order */
    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Runs one load on a new listener, watched as {@code watch} says, with one idle connection besides it. */
    private static WatchedLoad watched(CaptureCell cell, Watch watch) throws Exception {
        try (Server server = new Server(freePort(), false); Socket idle = new Socket(LOCALHOST, server.port)) {
            awaitSessions(server, 1);
            String idleSession = server.sessions.openSessions(server.port).stream()
                    .filter(session -> session.remoteAddress().getPort() == idle.getLocalPort())
                    .findFirst().orElseThrow().id();
            TcpFrameCapture capture = switch (watch) {
                case NONE -> null;
                case ALL -> server.sessions.capture(server.port, null, CAPTURE_CAPACITY);
                case OTHER -> server.sessions.capture(server.port, idleSession, CAPTURE_CAPACITY);
            };
            if (capture == null) {
                Load load = load(server, cell.connections, cell.framesPerConnection, cell.pipelined, false);
                return new WatchedLoad(load, 0, 0);
            }
            try (capture) {
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong captured = new AtomicLong();
                Thread drainer = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            captured.addAndGet(capture.poll(500, Duration.ofMillis(100)).size());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bench-capture-drainer");
                drainer.setDaemon(true);
                drainer.start();
                Load load = load(server, cell.connections, cell.framesPerConnection, cell.pipelined, false);
                stop.set(true);
                drainer.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                int rest;
                do { // what came after the drainer's last poll
                    rest = capture.poll(CAPTURE_CAPACITY, Duration.ZERO).size();
                    captured.addAndGet(rest);
                } while (rest > 0);
                return new WatchedLoad(load, captured.get(), capture.takeMissed());
            }
        }
    }

    private static Void writeFrames(Socket socket, int frames) throws IOException {
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        byte[] frame = "benchmark frame of some forty bytes...\n".getBytes(UTF_8);
        for (int i = 0; i < frames; i++) {
            out.write(frame);
        }
        out.flush();
        return null;
    }

    /** @return how many replies arrived: each frame waits for the reply to the one before */
    private static int requestReply(Socket socket, int frames) throws IOException {
        OutputStream out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
        byte[] frame = "benchmark frame of some forty bytes...\n".getBytes(UTF_8);
        for (int i = 0; i < frames; i++) {
            out.write(frame);
            out.flush();
            String line = in.readLine();
            if (line == null || !line.startsWith("benchmark frame")) {
                throw new IOException("reply " + i + " is " + line);
            }
        }
        return frames;
    }

    /** @return how many replies arrived (each checked to be the echo) */
    private static int readReplies(Socket socket, int frames) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8), 16 * 1024);
        for (int i = 0; i < frames; i++) {
            String line = in.readLine();
            if (line == null || !line.startsWith("benchmark frame")) {
                throw new IOException("reply " + i + " is " + line);
            }
        }
        return frames;
    }

    private static void idleHeap() throws Exception {
        try (Server server = new Server(freePort(), false)) {
            long before = usedHeapAfterGc();
            long threadsBefore = server.threads();
            Process clients = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), InboundBenchmark.class.getName(),
                    "clients", String.valueOf(server.port), String.valueOf(IDLE_CONNECTIONS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (BufferedReader status = new BufferedReader(new InputStreamReader(clients.getInputStream(), UTF_8))) {
                String line = status.readLine();
                if (!"connected".equals(line)) {
                    throw new IOException("the client JVM said " + line);
                }
                awaitSessions(server, IDLE_CONNECTIONS);
                long after = usedHeapAfterGc();
                long threadsAfter = server.threads();
                System.out.println();
                System.out.println("| Idle connections | Used heap before | Used heap after | Per connection "
                        + "| Listener threads before/after |");
                System.out.println("| ---: | ---: | ---: | ---: | ---: |");
                System.out.printf("| %,d | %.1f MB | %.1f MB | %.2f KB | %d / %d |%n", IDLE_CONNECTIONS,
                        before / 1e6, after / 1e6, (after - before) / 1024.0 / IDLE_CONNECTIONS, threadsBefore,
                        threadsAfter);
            } finally {
                clients.getOutputStream().close(); // the child exits when its stdin closes
                clients.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitSessions(Server server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (server.sessions.openSessions(server.port).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + server.sessions.openSessions(server.port).size()
                        + " sessions open");
            }
            Thread.sleep(100); // polling a gauge in a benchmark, not synchronising a test
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // let the collector and reference processing settle
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The child JVM: opens the connections, says "connected", and holds them until its stdin closes. */
    private static void holdIdleConnections(int port, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sockets.add(new Socket(LOCALHOST, port));
        }
        System.out.println("connected");
        System.out.flush();
        InputStream stdin = new BufferedInputStream(System.in);
        while (stdin.read() >= 0) {
            continue;
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            return socket.getLocalPort();
        }
    }

    /** A listener with an echo endpoint on a thread-pool work manager. */
    private static final class Server implements AutoCloseable {

        final int port;
        final SessionRegistry sessions = new SessionRegistry();
        private final PoolWorkManager workManager = new PoolWorkManager();
        private final InboundListener listener;

        Server(int port, boolean overTls) throws Exception {
            this.port = port;
            TcpActivationSpec spec = new TcpActivationSpec();
            spec.setPort(port);
            spec.setBindAddress(LOCALHOST);
            if (overTls) {
                spec.setSsl(true);
                spec.setKeyStore(tls.keyStore().toString());
                spec.setKeyStorePassword(TestCertificates.PASSWORD);
            }
            spec.setMaxConnections(2 * IDLE_CONNECTIONS);
            spec.setMaxConnectionsPerAddress(0); // every client comes from 127.0.0.1
            listener = new InboundListener(spec.settings(), new EchoEndpoints(), workManager, sessions);
            listener.start();
        }

        /** @return how many threads run the listener's works now */
        long threads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("tcp-listener-" + port + "-"))
                    .count();
        }

        @Override
        public void close() {
            listener.stop();
            workManager.pool.shutdown();
        }
    }

    /** Echo endpoints, a new one per call as a container hands them out. */
    private static final class EchoEndpoints implements MessageEndpointFactory {

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource) {
            return new EchoEndpoint();
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
            return new EchoEndpoint();
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "benchmark";
        }

        @Override
        public Class<?> getEndpointClass() {
            return EchoEndpoint.class;
        }
    }

    private static final class EchoEndpoint implements MessageEndpoint, TcpMessageListener {

        @Override
        public byte[] onMessage(TcpMessage message) {
            return message.payload();
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
        }
    }

    /** A work manager over a fixed thread pool, as a server gives resource adapters. */
    private static final class PoolWorkManager implements WorkManager {

        final ThreadPoolExecutor pool = new ThreadPoolExecutor(WORK_THREADS, WORK_THREADS, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());

        @Override
        public void scheduleWork(Work work) {
            pool.execute(work);
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            pool.execute(work);
        }

        @Override
        public void doWork(Work work) {
            work.run();
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            work.run();
        }

        @Override
        public long startWork(Work work) {
            pool.execute(work);
            return 0;
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            pool.execute(work);
            return 0;
        }
    }
}
