package io.github.tcpadapter.cluster.it;

import static io.github.tcpadapter.cluster.it.ClusterTopology.CHAT;
import static io.github.tcpadapter.cluster.it.ClusterTopology.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One instance's JVM suspended ({@code kill -STOP}) for 30 s, then resumed ({@code kill -CONT}): the other instance
 * serves its own connections throughout (clients connected to it directly, not through HAProxy), HAProxy's health
 * check takes the hung one out so that new connections through HAProxy are served, and the hung one is ready again
 * after it resumes. A push through the other instance's console to a chat client of the hung one fails within its
 * bound with a clear error, and never reaches the client once the hung one resumes. Figures:
 * {@code target/cluster-faults.txt}.
 */
class HungMemberIT {

    private static final Duration HANG = Duration.ofSeconds(30);
    private static final Duration READ = Duration.ofSeconds(5);
    // the console's push timeout (5 s) and the way there and back (2 s), and some slack for a loaded machine
    private static final long PUSH_BOUND_MILLIS = 12_000;

    private static ClusterTopology topology;

    @BeforeAll
    static void startCluster() {
        topology = ClusterTopology.whole();
    }

    @Test
    void theOtherInstanceServesOnAndHaproxyTakesTheHungOneOut() throws Exception {
        PayaraInstance hung = topology.cluster().instance(0);
        PayaraInstance other = topology.cluster().instance(1);
        FaultReport report = new FaultReport(topology, "kill -STOP of " + hung.name() + " for " + HANG.toSeconds()
                + " s, then kill -CONT; clients pinned to " + other.name() + " (direct), new connections through"
                + " HAProxy one after the other");
        ClientGroup pinned = new ClientGroup();
        List<LoopingClient.Figures> figures;
        NewConnections afterResume = new NewConnections();
        NewConnections afterDown = new NewConnections();
        long answeredWhileHung;
        ConsoleApi.Answer push;
        long pushMillis;
        try (LineClient chat = topology.connectDirectly(hung, CHAT, READ)) {
            String chatSession = ClusterSessionsIT.welcomed(chat);
            topology.awaitListed(List.of(other), CHAT, chatSession, hung.name(), Duration.ofSeconds(10));
            // Payara's JAX-RS telemetry reads MicroProfile Config, whose cluster source reads the data grid, on the
            // first call of each resource method: with a hung member owning that entry, that first call would wait
            // for Hazelcast's invocation timeout (120 s), whatever the method does. So the console's push is called
            // once before the hang (an unknown session: 404)
            assertThat(topology.console(other).trySend(chatSession + "-none", "warm").status()).isEqualTo(404);
            pinned.start("pinned", 4, other.listenerPort(ECHO), request -> "ok: " + request);
            pinned.awaitProgress(20, Duration.ofSeconds(30));
            long answeredBefore = answered(pinned);

            long stoppedAt = System.nanoTime();
            hung.signal("STOP");
            try {
                report.timed("after kill -STOP, until HAProxy saw " + hung.name() + " DOWN", () -> topology.haproxy()
                        .awaitServerState("echo", hung.name(), "DOWN", Duration.ofSeconds(10)));
                long pushed = System.nanoTime();
                push = pushWithThreadDump(other, chatSession, "stale");
                pushMillis = (System.nanoTime() - pushed) / 1_000_000;
                report.line("a push through " + other.name() + "'s console to " + hung.name() + "'s chat client: "
                        + push.status() + " after " + pushMillis + " ms: " + push.body());
                // new connections through HAProxy, one after the other, until the hang ends
                long end = stoppedAt + HANG.toNanos();
                for (int i = 0; i < 10_000 && System.nanoTime() - end < 0; i++) {
                    afterDown.attempt("after-" + i);
                }
            } finally {
                answeredWhileHung = answered(pinned) - answeredBefore;
                hung.signal("CONT");
            }
            report.line("the pinned clients' answers while " + hung.name() + " was suspended: " + answeredWhileHung);
            report.line("new connections through HAProxy after it saw " + hung.name() + " DOWN: " + afterDown);
            report.timed("after kill -CONT, until " + hung.name() + " is ready",
                    () -> hung.awaitReady(Duration.ofSeconds(60)));
            report.timed("then until HAProxy sends it connections", topology::awaitWhole);
            // and the resumed instance serves new connections through HAProxy again
            for (int i = 0; i < 20; i++) {
                afterResume.attempt("resumed-" + i);
            }
            report.line("new connections through HAProxy after it resumed: " + afterResume);
            // the stale push was dropped when it reached the resumed instance: the client's lines after the resume are
            // a push through the other instance (if it got through) and one through its own instance, never "stale"
            long freshStart = System.nanoTime();
            ConsoleApi.Answer fresh = pushWithThreadDump(other, chatSession, "fresh");
            report.line("then a push through " + other.name() + "'s console to the same client: " + fresh.status()
                    + " after " + (System.nanoTime() - freshStart) / 1_000_000 + " ms" + (fresh.status() == 200 ? ""
                            : ": " + fresh.body()));
            topology.console(hung).send(chatSession, "local");
            List<String> after = new ArrayList<>();
            for (String line = chat.readLine(); after.size() < 3; line = chat.readLine()) {
                after.add(line);
                if (line.equals("local")) {
                    break;
                }
            }
            report.line("the chat client's lines after the resume: " + after);
            assertThat(after).as("the chat client's lines after the resume").doesNotContain("stale")
                    .endsWith("local");
            if (fresh.status() == 200) {
                assertThat(after).containsExactly("fresh", "local");
            }
        } finally {
            figures = pinned.stop();
            report.clients("echo pinned to " + other.name(), figures).write();
        }

        assertThat(push.status()).as("the console's answer to a push to the hung instance").isEqualTo(409);
        assertThat(push.body()).contains("Member " + hung.name() + " did not answer");
        assertThat(pushMillis).as("how long the push waited (ms)").isLessThan(PUSH_BOUND_MILLIS);
        assertThat(answeredWhileHung).as("answers to the pinned clients while " + hung.name() + " hung")
                .isGreaterThan(100);
        for (LoopingClient.Figures client : figures) {
            assertThat(client.closesSeen()).as(client.client() + " saw its connection closed").isZero();
            assertThat(client.failures()).as(client.client() + "'s failed requests").isEmpty();
            assertThat(client.wrong()).as(client.client() + "'s wrong replies " + client.wrongExamples()).isZero();
        }
        assertThat(afterDown.failures).as("new connections through HAProxy once it saw the hung instance DOWN")
                .isEmpty();
        assertThat(afterDown.answered).isPositive();
        assertThat(afterResume.failures).as("new connections through HAProxy after the instance resumed").isEmpty();
    }

    // a push that takes longer than its bound leaves the instance's threads in target/cluster/ for the report
    private static ConsoleApi.Answer pushWithThreadDump(PayaraInstance through, String session, String line)
            throws Exception {
        ExecutorService pusher = Executors.newSingleThreadExecutor();
        try {
            Future<ConsoleApi.Answer> push = pusher.submit(() -> topology.console(through).trySend(session, line));
            try {
                return push.get(PUSH_BOUND_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Path dump = dumpThreads(through);
                throw new AssertionError("The push through " + through.name() + "'s console had no answer within "
                        + PUSH_BOUND_MILLIS + " ms; its threads: " + dump);
            }
        } finally {
            pusher.shutdownNow();
        }
    }

    private static Path dumpThreads(PayaraInstance instance) throws Exception {
        Path dump = topology.work().resolve(instance.name() + "-threads.txt");
        new ProcessBuilder("jcmd", String.valueOf(instance.runningProcess().pid()), "Thread.print")
                .redirectOutput(dump.toFile()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        return dump;
    }

    private static long answered(ClientGroup group) {
        return group.figures().stream().mapToLong(LoopingClient.Figures::answered).sum();
    }

    /** Connections through HAProxy, each for one request: how many were answered, and why the others were not. */
    private static final class NewConnections {

        private long answered;
        private final Map<String, Long> failures = new TreeMap<>();

        void attempt(String request) throws InterruptedException {
            try (LineClient client = topology.connectThroughBalancer(ECHO, READ)) {
                String reply = client.request(request);
                if (reply.equals("ok: " + request)) {
                    answered++;
                } else {
                    failures.merge("wrong reply", 1L, Long::sum);
                }
            } catch (IOException e) {
                failures.merge(e.toString(), 1L, Long::sum);
            }
            Thread.sleep(ClientGroup.THINK.toMillis());
        }

        @Override
        public String toString() {
            return "attempted " + (answered + failures.values().stream().mapToLong(Long::longValue).sum())
                    + ", answered " + answered + ", failed " + failures;
        }
    }
}
