package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.it.MultiplexPeer.Framing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Multiplexed {@code requestAsync} inside the server: a bean ({@code MultiplexProbe}) puts batches of requests in
 * flight through factories the EAR defines, against peers in the tests' JVM that answer out of order after random
 * delays, and reports how each request ended. Every reply must reach its own caller, checked by content.
 */
@ExtendWith(ArquillianExtension.class)
class MultiplexedRequestsIT {

    private static final int PROBE_PORT = FreePort.next();
    private static final String KEYED = "java:app/tcp/MuxKeyed";
    private static final String ISO8583 = "java:app/tcp/MuxIso8583";
    private static final String HL7 = "java:app/tcp/MuxHl7";
    private static final String CHATTY = "java:app/tcp/MuxChatty";
    private static final String HELD = "java:app/tcp/MuxHeld";
    private static final String KILLED = "java:app/tcp/MuxKilled";
    private static final String LATE = "java:app/tcp/MuxLate";
    // "<key>:<text>" in both directions
    private static final String KEY_PATTERN = "^([^:]+):";
    private static final String COMPLETION_THREAD = "tcp-multiplex-";
    // what MultiplexProbe reports for a stage complete before its callback was attached
    private static final String CALLER = "(the caller)";
    private static final int IN_FLIGHT_CAP = 4;

    @RegisterExtension
    static final MultiplexPeer keyed = new MultiplexPeer(Framing.LINE, 20, MultiplexedRequestsIT::answer);
    @RegisterExtension
    static final MultiplexPeer iso8583 = new MultiplexPeer(Framing.LENGTH2, 20,
            request -> List.of(Iso8583Message.decode(request).approved().encode()));
    @RegisterExtension
    static final MultiplexPeer hl7 = new MultiplexPeer(Framing.MLLP, 20, MultiplexedRequestsIT::acknowledge);
    // three frames nobody asked for before each reply: two with a key in no request, one without a key
    @RegisterExtension
    static final MultiplexPeer chatty = new MultiplexPeer(Framing.LINE, 5, request -> List.of(
            ascii("notice-" + UUID.randomUUID() + ":unsolicited"), ascii("ECHO-TEST:network management"),
            ascii("HEARTBEAT"), answer(request).get(0)));
    @RegisterExtension
    static final MultiplexPeer held = new MultiplexPeer(Framing.LINE, 0, request -> List.of());
    @RegisterExtension
    static final MultiplexPeer killed = new MultiplexPeer(Framing.LINE, 0, request -> List.of());
    @RegisterExtension
    static final MultiplexPeer late = new MultiplexPeer(Framing.LINE, 0, MultiplexedRequestsIT::answer);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        SampleEar.Builder ear = SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next())
                .connectionFactory(Probes.MULTIPLEX_PROBE, KEYED, keyedFactory(keyed, 2, 1024))
                .connectionFactory(Probes.MULTIPLEX_PROBE, ISO8583, Map.of("host", "127.0.0.1",
                        "port", iso8583.port(), "framing", "LENGTH_PREFIXED", "lengthHeaderBytes", 2,
                        "correlation", "ISO8583"))
                .connectionFactory(Probes.MULTIPLEX_PROBE, HL7, Map.of("host", "127.0.0.1", "port", hl7.port(),
                        "framing", "MLLP", "correlation", "HL7"))
                .connectionFactory(Probes.MULTIPLEX_PROBE, CHATTY, keyedFactory(chatty, 2, 64))
                .connectionFactory(Probes.MULTIPLEX_PROBE, HELD, keyedFactory(held, 1, IN_FLIGHT_CAP))
                .connectionFactory(Probes.MULTIPLEX_PROBE, KILLED, keyedFactory(killed, 1, 128))
                .connectionFactory(Probes.MULTIPLEX_PROBE, LATE, keyedFactory(late, 1, 8));
        return Probes.multiplexEar(ear, PROBE_PORT);
    }

    private static Map<String, Object> keyedFactory(MultiplexPeer peer, int connections, int maxInFlight) {
        return Map.of("host", "127.0.0.1", "port", peer.port(), "correlation", "REGEX",
                "correlationPattern", KEY_PATTERN, "multiplexedConnections", connections, "maxInFlight", maxInFlight);
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void repliesSentOutOfOrderAfterRandomDelaysEachReachTheirOwnCaller() throws Exception {
        // up to 1600 in flight at once, 4800 in all, with random keys
        int callers = 8;
        int rounds = 3;
        int batch = 200;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                checked.add(threads.submit(() -> {
                    int onCompletionWorks = 0;
                    for (int round = 0; round < rounds; round++) {
                        List<String> requests = new ArrayList<>();
                        for (int i = 0; i < batch; i++) {
                            requests.add(UUID.randomUUID() + ":" + UUID.randomUUID());
                        }
                        List<Outcome> outcomes = run(KEYED, 10_000, requests.stream().map(MultiplexedRequestsIT::ascii)
                                .toList());
                        for (int i = 0; i < batch; i++) {
                            onCompletionWorks += assertOwnReply(outcomes.get(i), requests.get(i));
                        }
                    }
                    return onCompletionWorks;
                }));
            }
            int onCompletionWorks = 0;
            for (Future<Integer> caller : checked) {
                onCompletionWorks += caller.get(2, TimeUnit.MINUTES);
            }
            assertThat(onCompletionWorks).as("replies whose callback ran on a completion work").isPositive();
        } finally {
            threads.shutdownNow();
        }
        assertThat(keyed.overtaken()).as("replies the peer sent after a later request's").isPositive();
        assertThat(keyed.accepted()).as("sockets the peer saw").isBetween(1, 2);
    }

    @Test
    void iso8583RepliesArePairedByStanAndTerminalId() throws Exception {
        List<Iso8583Message> requests = new ArrayList<>();
        for (int stan = 1; stan <= 10; stan++) {
            for (int terminal = 1; terminal <= 10; terminal++) {
                // the same STAN on every terminal: only the terminal id tells these requests apart
                requests.add(new Iso8583Message("0200", Map.of(3, "000000", 4, "%012d".formatted(stan * 100 + terminal),
                        11, "%06d".formatted(stan), 41, "TERM%04d".formatted(terminal))));
            }
        }
        List<Outcome> outcomes = run(ISO8583, 10_000, requests.stream().map(Iso8583Message::encode).toList());

        for (int i = 0; i < requests.size(); i++) {
            Outcome outcome = outcomes.get(i);
            assertThat(outcome.ok()).as(outcome.toString()).isTrue();
            assertThat(Iso8583Message.decode(outcome.bytes())).isEqualTo(requests.get(i).approved());
        }
        assertThat(iso8583.overtaken()).as("replies the peer sent after a later request's").isPositive();
    }

    @Test
    void hl7AcknowledgementsArePairedByMessageControlId() throws Exception {
        List<String> ids = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "MSG" + UUID.randomUUID().toString().substring(0, 8);
            ids.add(id);
            requests.add(ascii("MSH|^~\\&|LAB|HOSP|ENGINE|HOSP|20261207071500||ORU^R01|" + id + "|P|2.5\r"
                    + "PID|1||" + i + "||DOE^JANE" + i + "\r"));
        }
        List<Outcome> outcomes = run(HL7, 10_000, requests);

        for (int i = 0; i < ids.size(); i++) {
            Outcome outcome = outcomes.get(i);
            assertThat(outcome.ok()).as(outcome.toString()).isTrue();
            assertThat(outcome.text()).endsWith("\rMSA|AA|" + ids.get(i) + "|filed DOE^JANE" + i + "\r");
        }
        assertThat(hl7.overtaken()).as("replies the peer sent after a later request's").isPositive();
    }

    @Test
    void unsolicitedFramesBetweenTheRepliesAreCountedAndAnswerNoRequest() throws Exception {
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            requests.add("req" + i + ":" + UUID.randomUUID());
        }
        List<Outcome> outcomes = run(CHATTY, 10_000, requests.stream().map(MultiplexedRequestsIT::ascii).toList());

        for (int i = 0; i < requests.size(); i++) {
            assertOwnReply(outcomes.get(i), requests.get(i));
        }
        // each reply came after its three unsolicited frames, on the same socket
        assertThat(factoryCounter(chatty, "UnmatchedFrames")).isEqualTo(3L * requests.size());
        assertThat(factoryCounter(chatty, "AsyncReplies")).isEqualTo(requests.size());
    }

    @Test
    void aKeyAlreadyInFlightIsRefusedAtOnceAndUnwritten() throws Exception {
        int receivedBefore = held.received();
        List<Outcome> outcomes = run(HELD, 1_500, List.of(ascii("dup-1:first"), ascii("dup-1:second")));

        assertThat(outcomes.get(0).failure()).isEqualTo("io.github.tcpadapter.api.TcpTimeoutException");
        assertThat(outcomes.get(0).millis()).isGreaterThanOrEqualTo(1_500);
        assertThat(outcomes.get(1).failure()).as(outcomes.get(1).toString()).isNotNull();
        assertThat(outcomes.get(1).text()).contains("dup-1");
        assertThat(outcomes.get(1).millis()).isLessThan(1_000);
        assertThat(held.received() - receivedBefore).as("requests written").isEqualTo(1);
    }

    @Test
    void whenEverySocketHasMaxInFlightRequestsTheNextFailsAtOnce() throws Exception {
        int receivedBefore = held.received();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i <= IN_FLIGHT_CAP; i++) {
            requests.add(ascii("cap-" + i + ":waits"));
        }
        List<Outcome> outcomes = run(HELD, 1_500, requests);

        for (int i = 0; i < IN_FLIGHT_CAP; i++) {
            assertThat(outcomes.get(i).failure()).isEqualTo("io.github.tcpadapter.api.TcpTimeoutException");
        }
        Outcome refused = outcomes.get(IN_FLIGHT_CAP);
        assertThat(refused.failure()).as(refused.toString()).isNotNull();
        assertThat(refused.text()).contains("maxInFlight");
        assertThat(refused.millis()).isLessThan(1_000);
        assertThat(held.received() - receivedBefore).as("requests written").isEqualTo(IN_FLIGHT_CAP);
    }

    @Test
    void aLinkKilledWithAHundredRequestsInFlightFailsThemAllAtOnceAndComesBack() throws Exception {
        int requests = 100;
        int timeoutMillis = 12_000;
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            batch.add(ascii("kill-" + i + ":in flight"));
        }
        CompletableFuture<List<Outcome>> outcomes = CompletableFuture.supplyAsync(() -> {
            try {
                return run(KILLED, timeoutMillis, batch);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitTrue(() -> killed.received() == requests, "the peer read every request");
        killed.killConnections();

        List<Outcome> failed = outcomes.get(30, TimeUnit.SECONDS);
        assertThat(failed).hasSize(requests).allSatisfy(outcome -> {
            assertThat(outcome.failure()).as(outcome.toString()).isEqualTo("jakarta.resource.ResourceException");
            assertThat(outcome.text()).startsWith("Connection to 127.0.0.1:" + killed.port() + " lost: ");
            assertThat(outcome.millis()).as("failed at the loss, not at the timeout").isLessThan(timeoutMillis / 2);
        });
        // only this test uses the factory (its MBean comes with its first connection)
        assertThat(factoryCounter(killed, "AsyncFailures")).isEqualTo(requests);
        assertThat(factoryCounter(killed, "AsyncRequestsInFlight")).as("requests left pending").isZero();

        killed.respond(MultiplexedRequestsIT::answer);
        List<String> after = List.of("back-1:again", "back-2:again", "back-3:again");
        List<Outcome> answered = run(KILLED, 10_000, after.stream().map(MultiplexedRequestsIT::ascii).toList());
        for (int i = 0; i < after.size(); i++) {
            assertOwnReply(answered.get(i), after.get(i));
        }
        assertThat(killed.accepted()).as("the link reconnected once").isEqualTo(2);
    }

    @Test
    void aReplyAfterItsTimeoutIsCountedLateAndItsSocketServesTheNextRequest() throws Exception {
        late.answerAfter(1_500);
        Outcome timedOut = run(LATE, 200, List.of(ascii("slow-1:too late"))).get(0);
        assertThat(timedOut.failure()).as(timedOut.toString())
                .isEqualTo("io.github.tcpadapter.api.TcpTimeoutException");
        awaitTrue(() -> factoryCounter(late, "LateReplies") == 1, "the late reply counted");

        late.answerAfter(0);
        assertOwnReply(run(LATE, 5_000, List.of(ascii("quick-1:in time"))).get(0), "quick-1:in time");
        assertThat(factoryCounter(late, "UnmatchedFrames")).as("the late reply is late, not unmatched").isZero();
        assertThat(late.accepted()).as("sockets the peer saw: the one of the timeout stayed in use").isEqualTo(1);
    }

    /** @return 1 if a completion work ran the callback, 0 if the stage was complete before it was attached */
    private static int assertOwnReply(Outcome outcome, String request) {
        assertThat(outcome.ok()).as(outcome.toString()).isTrue();
        assertThat(outcome.text()).isEqualTo(new String(answer(ascii(request)).get(0), StandardCharsets.UTF_8));
        if (outcome.thread().equals(CALLER)) {
            return 0;
        }
        assertThat(outcome.thread()).as("the thread that completed the stage")
                .startsWith(COMPLETION_THREAD).contains("-completion-").doesNotContain("-io-");
        return 1;
    }

    // an attribute of the factory's MBean, named for its targets
    private static long factoryCounter(MultiplexPeer peer, String attribute) throws Exception {
        ObjectName factory = new ObjectName("io.github.tcpadapter:type=ConnectionFactory,name="
                + ObjectName.quote("127.0.0.1:" + peer.port()));
        return ((Number) TestServer.current().mbeans().getAttribute(factory, attribute)).longValue();
    }

    // "<key>:<text>" answered "<key>:answer to <text>"
    private static List<byte[]> answer(byte[] request) {
        String line = new String(request, StandardCharsets.UTF_8);
        int colon = line.indexOf(':');
        return List.of(ascii(line.substring(0, colon) + ":answer to " + line.substring(colon + 1)));
    }

    // an ACK whose MSA-2 is the request's MSH-10, and names the patient of its PID-5
    private static List<byte[]> acknowledge(byte[] request) {
        String[] segments = new String(request, StandardCharsets.US_ASCII).split("\r");
        String controlId = segments[0].split("\\|")[9];
        String patient = segments[1].split("\\|")[5];
        return List.of(ascii("MSH|^~\\&|ENGINE|HOSP|LAB|HOSP|20261207071501||ACK^R01|ACK" + controlId + "|P|2.5\r"
                + "MSA|AA|" + controlId + "|filed " + patient + "\r"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitTrue(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("waited 10 s for: " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Has the probe put every payload in flight at once and returns how each request ended, in order. */
    private static List<Outcome> run(String factory, long timeoutMillis, List<byte[]> payloads) throws Exception {
        String command = factory + " " + timeoutMillis + " " + payloads.stream()
                .map(payload -> Base64.getUrlEncoder().withoutPadding().encodeToString(payload))
                .collect(Collectors.joining(","));
        try (LineClient probe = new LineClient(PROBE_PORT)) {
            String reply = probe.request(command);
            assertThat(reply).as("the probe's report").isNotNull().doesNotStartWith("error");
            List<Outcome> outcomes = new ArrayList<>();
            for (String entry : reply.split(" ")) {
                outcomes.add(Outcome.parse(entry));
            }
            assertThat(outcomes).as("one outcome per request").hasSize(payloads.size());
            return outcomes;
        }
    }

    /**
     * How one request ended, as {@code MultiplexProbe} reports it.
     *
     * @param failure the exception's class, or {@code null} for a reply
     * @param millis from the call to the stage's completion
     * @param thread the thread that completed the stage with a reply
     * @param bytes the reply, or the exception's message
     */
    private record Outcome(String failure, long millis, String thread, byte[] bytes) {

        private static final Pattern ENTRY = Pattern.compile("(ok|fail):(\\d+):([^:]*):([^:]*)");

        static Outcome parse(String entry) {
            Matcher matcher = ENTRY.matcher(entry);
            assertThat(matcher.matches()).as("a settled request: " + entry).isTrue();
            boolean ok = matcher.group(1).equals("ok");
            return new Outcome(ok ? null : matcher.group(3), Long.parseLong(matcher.group(2)),
                    ok ? new String(decode(matcher.group(3)), StandardCharsets.UTF_8) : null, decode(matcher.group(4)));
        }

        private static byte[] decode(String base64) {
            return Base64.getUrlDecoder().decode(base64);
        }

        boolean ok() {
            return failure == null;
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return (ok() ? "reply after " + millis + " ms on " + thread : failure + " after " + millis + " ms") + ": "
                    + text();
        }
    }
}
