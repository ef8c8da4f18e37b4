package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each frame is processed at most once, and each reply stands for exactly one processing, in both {@code onError}
 * modes and across undeployment. Clients send numbered lines (ids), about {@value #FAIL_PERCENT}% of them starting
 * with {@code fail} (the probe bean then throws), and keep the replies; the probe beans report every line they
 * process ({@link ProbeLog}). Per mode, half the clients pipeline (send every id, then read) and half wait for each
 * reply. Proved, per client: the replies are exactly those due, in order; every replied id was processed exactly once;
 * no id was processed twice. With {@code onError=CLOSE} ({@code ProbeListener}) a failed id closes its client and
 * none of the ids sent after it is processed; with {@code CONTINUE} ({@code ContinuingProbeListener}) only the failed
 * id goes unanswered and every id is processed.
 *
 * <p>Across undeployment: {@link InboundUndeployIT} proves it for {@code CLOSE} without failures (and that nothing is
 * left behind); the last test here applies its approach (clients mid-conversation, a window of ids at a time, then
 * undeploy) to both modes with failing ids: what was processed is, per client, the ids sent first without a gap, each
 * once, and every reply stands for one of them.
 */
@ExtendWith(ArquillianExtension.class)
class ExactlyOnceIT {

    private static final String PROBES = "probes";
    private static final int PROBE_PORT = FreePort.next();
    private static final int CONTINUING_PROBE_PORT = FreePort.next();
    // clients of each style (pipelined, request/reply) per mode
    private static final int CLIENTS = 20;
    private static final int IDS = 200;
    private static final int FAIL_PERCENT = 1;
    private static final long SEED = 20_261_130L;
    // across undeployment: ids a client sends before it reads their replies, and ids at most per client
    private static final int WINDOW = 5;
    private static final int MAX_UNDEPLOY_IDS = 10_000;
    private static final long RUN_TIMEOUT_SECONDS = 60;
    // Payara logs every exception a message-driven bean throws twice, once with its stack trace (about 50 lines):
    // quiet while beans fail on purpose, the adapter's own summarised lines remain. Held here, as a logger's level
    // lasts only as long as somebody refers to the logger.
    private static final Logger MDB_CONTAINER_LOG =
            Logger.getLogger("javax.enterprise.system.container.ejb.mdb.org.glassfish.ejb.mdb");
    private static Level mdbContainerLevel;

    @Deployment(name = PROBES, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next()),
                PROBE_PORT, CONTINUING_PROBE_PORT);
    }

    @ArquillianResource
    private Deployer deployer;

    @BeforeAll
    static void quietBeanFailures() {
        mdbContainerLevel = MDB_CONTAINER_LOG.getLevel();
        MDB_CONTAINER_LOG.setLevel(Level.SEVERE);
    }

    @AfterAll
    static void restoreBeanFailures() {
        MDB_CONTAINER_LOG.setLevel(mdbContainerLevel);
    }

    /** The probe bean a client talks to, by its {@code onError}. */
    private enum Mode {
        CLOSE, CONTINUE;

        int port() {
            return this == CLOSE ? PROBE_PORT : CONTINUING_PROBE_PORT;
        }
    }

    /** How a client sends its ids. */
    private enum Style {
        /** all ids in one write, then the replies */
        PIPELINED,
        /** one id, then its reply (none for a failing id with {@code CONTINUE}), then the next */
        REQUEST_REPLY,
        /** {@value #WINDOW} ids, then their replies, until the connection ends */
        WINDOWED
    }

    @Test
    void onErrorCloseProcessesEachIdOnceAndNothingAfterAFailure() throws Exception {
        assertEachIdOnce(Mode.CLOSE);
    }

    @Test
    void onErrorContinueProcessesEachIdOnceAndAnswersAllButTheFailures() throws Exception {
        assertEachIdOnce(Mode.CONTINUE);
    }

    private void assertEachIdOnce(Mode mode) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * CLIENTS);
        try (ProbeLog probe = ProbeLog.install()) {
            deployer.deploy(PROBES);
            try {
                SampleEar.assertDeployed();
                List<Future<Conversation>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(threads.submit(conversation(mode, Style.PIPELINED, c, null)));
                    clients.add(threads.submit(conversation(mode, Style.REQUEST_REPLY, c, null)));
                }
                List<Conversation> conversations = new ArrayList<>();
                for (Future<Conversation> client : clients) {
                    conversations.add(client.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                }
                Map<String, Integer> processed = probe.processed();
                summary("onError=" + mode, conversations, processed);
                for (Conversation conversation : conversations) {
                    conversation.assertAnsweredInFull(processed);
                }
                assertProcessedOnlyWhatWasSent(conversations, processed);
            } finally {
                deployer.undeploy(PROBES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void undeployWhileBothModesSendProcessesEachIdAtMostOnceAndAnswersOnlyProcessedIds() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2 * CLIENTS);
        boolean undeployed = false;
        try (ProbeLog probe = ProbeLog.install()) {
            deployer.deploy(PROBES);
            SampleEar.assertDeployed();
            CountDownLatch underWay = new CountDownLatch(2 * CLIENTS);
            List<Future<Conversation>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(threads.submit(conversation(Mode.CLOSE, Style.WINDOWED, c, underWay)));
                clients.add(threads.submit(conversation(Mode.CONTINUE, Style.WINDOWED, c, underWay)));
            }
            assertThat(underWay.await(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("every client under way or done")
                    .isTrue();

            deployer.undeploy(PROBES);
            undeployed = true;

            List<Conversation> conversations = new ArrayList<>();
            for (Future<Conversation> client : clients) {
                conversations.add(client.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            Map<String, Integer> processed = probe.processed();
            for (Mode mode : Mode.values()) {
                summary("onError=" + mode + " across undeployment",
                        conversations.stream().filter(conversation -> conversation.mode == mode).toList(),
                        processed);
            }
            for (Conversation conversation : conversations) {
                conversation.assertCutShort(processed);
            }
            assertProcessedOnlyWhatWasSent(conversations, processed);
        } finally {
            threads.shutdownNow();
            if (!undeployed) {
                deployer.undeploy(PROBES);
            }
        }
    }

    /**
     * One client on its own connection.
     *
     * @param underWay counted down once the client's first window was answered, or it ended; only for
     *     {@link Style#WINDOWED}
     */
    private static Callable<Conversation> conversation(Mode mode, Style style, int client, CountDownLatch underWay) {
        return () -> {
            Conversation conversation = new Conversation(mode, style, client);
            try (LineClient connection = new LineClient(mode.port())) {
                switch (style) {
                    case PIPELINED -> conversation.pipeline(connection);
                    case REQUEST_REPLY -> conversation.requestReply(connection);
                    case WINDOWED -> conversation.windows(connection, underWay);
                }
            } finally {
                if (underWay != null && !conversation.counted) {
                    underWay.countDown();
                }
            }
            return conversation;
        };
    }

    private static void summary(String what, List<Conversation> conversations, Map<String, Integer> processed) {
        long sent = 0;
        long replied = 0;
        long processedIds = 0;
        long processedTwice = 0;
        long failing = 0;
        for (Conversation conversation : conversations) {
            sent += conversation.sent.size();
            replied += conversation.replies.size();
            failing += conversation.sent.stream().filter(Conversation::failing).count();
            processedIds += conversation.sent.stream().filter(processed::containsKey).count();
            processedTwice += conversation.sent.stream().filter(line -> processed.getOrDefault(line, 0) > 1).count();
        }
        System.out.printf("exactly once, %s: %d clients, %d ids sent (%d failing), %d replied, %d processed, %d"
                + " processed twice%n", what, conversations.size(), sent, failing, replied, processedIds,
                processedTwice);
    }

    /** The beans processed no line that no client sent. */
    private static void assertProcessedOnlyWhatWasSent(List<Conversation> conversations,
            Map<String, Integer> processed) {
        Set<String> sent = new HashSet<>();
        conversations.forEach(conversation -> sent.addAll(conversation.sent));
        assertThat(sent).as("lines sent").containsAll(processed.keySet());
    }

    /** What one client sent and got back. */
    private static final class Conversation {

        private final Mode mode;
        private final Random failures;
        // in every line: which client sent it
        private final String tag;
        private final List<String> sent = new ArrayList<>();
        private final List<String> replies = new ArrayList<>();
        private boolean closedByServer;
        private boolean counted;

        Conversation(Mode mode, Style style, int client) {
            this.mode = mode;
            this.failures = new Random(SEED + 1_000L * mode.ordinal() + 100L * style.ordinal() + client);
            this.tag = "[" + mode + " " + style + " " + client + "]";
        }

        /**
         * @param id the id's number
         * @param last whether no id follows: the last id never fails, so that its reply shows that all before it
         *     were processed
         */
        private String line(int id, boolean last) {
            boolean fail = !last && failures.nextInt(100) < FAIL_PERCENT;
            return (fail ? "fail " : "") + tag + " id " + id;
        }

        static boolean failing(String line) {
            return line.startsWith("fail");
        }

        void pipeline(LineClient connection) throws IOException {
            StringBuilder all = new StringBuilder();
            for (int id = 0; id < IDS; id++) {
                String line = line(id, id == IDS - 1);
                sent.add(line);
                all.append(line).append('\n');
            }
            connection.write(all.toString().getBytes(StandardCharsets.UTF_8));
            int due = expectedReplies(sent).size();
            for (int i = 0; i < due; i++) {
                if (!read(connection)) {
                    return;
                }
            }
            closedByServer = mode == Mode.CLOSE && sent.stream().anyMatch(Conversation::failing)
                    && connection.closedByServer();
        }

        void requestReply(LineClient connection) throws IOException {
            for (int id = 0; id < IDS; id++) {
                String line = line(id, id == IDS - 1);
                sent.add(line);
                connection.send(line);
                if (failing(line)) {
                    if (mode == Mode.CLOSE) {
                        closedByServer = connection.closedByServer();
                        return;
                    }
                    continue; // no reply comes; the next reply answers the next id
                }
                if (!read(connection)) {
                    return;
                }
            }
        }

        void windows(LineClient connection, CountDownLatch underWay) {
            try {
                while (sent.size() < MAX_UNDEPLOY_IDS) {
                    StringBuilder window = new StringBuilder();
                    int due = 0;
                    boolean closing = false;
                    for (int i = 0; i < WINDOW; i++) {
                        String line = line(sent.size(), false);
                        sent.add(line);
                        window.append(line).append('\n');
                        if (!closing && !failing(line)) {
                            due++;
                        }
                        closing |= mode == Mode.CLOSE && failing(line);
                    }
                    connection.write(window.toString().getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < due; i++) {
                        if (!read(connection)) {
                            return;
                        }
                    }
                    if (!counted) {
                        counted = true;
                        underWay.countDown();
                    }
                    if (closing) {
                        closedByServer = connection.closedByServer();
                        return;
                    }
                }
            } catch (IOException closedByTheListener) {
                // a reset, or a write after the listener closed the connection: the conversation is over
            }
        }

        /** @return whether a line came; {@code false} at the end of the stream or a reset */
        private boolean read(LineClient connection) {
            try {
                String reply = connection.readLine();
                if (reply == null) {
                    return false;
                }
                replies.add(reply);
                return true;
            } catch (SocketException reset) {
                return false;
            } catch (IOException e) {
                throw new AssertionError(tag + " reading after " + replies.size() + " replies", e);
            }
        }

        /** @return the lines that reach the bean: up to the first failure with CLOSE, all with CONTINUE */
        private List<String> processable(List<String> lines) {
            if (mode == Mode.CONTINUE) {
                return lines;
            }
            for (int i = 0; i < lines.size(); i++) {
                if (failing(lines.get(i))) {
                    return lines.subList(0, i + 1);
                }
            }
            return lines;
        }

        /** @return the replies due for these lines, in order */
        private List<String> expectedReplies(List<String> lines) {
            return processable(lines).stream().filter(line -> !failing(line)).map(line -> "done: " + line).toList();
        }

        /** Everything went through: the replies are exactly those due, and each line due was processed once. */
        void assertAnsweredInFull(Map<String, Integer> processed) {
            assertThat(replies).as("replies to %s", tag).isEqualTo(expectedReplies(sent));
            List<String> due = processable(sent);
            for (String line : sent) {
                assertThat(processed.getOrDefault(line, 0)).as("times processed: %s", line)
                        .isEqualTo(due.contains(line) ? 1 : 0);
            }
            if (mode == Mode.CLOSE && sent.stream().anyMatch(Conversation::failing)) {
                assertThat(closedByServer).as("%s closed after its failed id", tag).isTrue();
            }
        }

        /**
         * The conversation was cut short by the undeployment: the lines processed are the first ones sent, without
         * a gap (and none after a failure with CLOSE), each once; the replies are the first ones due, each for a
         * processed line.
         */
        void assertCutShort(Map<String, Integer> processed) {
            List<String> processedLines = sent.stream().filter(processed::containsKey).toList();
            assertThat(processedLines).as("lines of %s processed", tag)
                    .isEqualTo(sent.subList(0, processedLines.size()));
            assertThat(processable(sent)).as("lines of %s that could be processed", tag)
                    .startsWith(processedLines.toArray(String[]::new));
            processedLines.forEach(line -> assertThat(processed.get(line)).as("times processed: %s", line)
                    .isEqualTo(1));
            List<String> expected = expectedReplies(processedLines);
            assertThat(replies.size()).as("replies of %s, all for processed lines", tag)
                    .isLessThanOrEqualTo(expected.size());
            assertThat(replies).as("replies of %s", tag).isEqualTo(expected.subList(0, replies.size()));
        }
    }
}
