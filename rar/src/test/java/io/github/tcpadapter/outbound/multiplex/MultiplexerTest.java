package io.github.tcpadapter.outbound.multiplex;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.framing.LineFraming;
import io.github.tcpadapter.conversation.Heartbeat;
import io.github.tcpadapter.testing.LogCapture;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multiplexed requests over real sockets on 127.0.0.1, against peers that answer by key or in order. */
class MultiplexerTest {

    private static final long LONG_TIMEOUT = 30_000;
    /** Key = the text before the first space, in requests and replies alike. */
    private static final TcpCorrelation FIRST_WORD = new TcpCorrelation() {
        @Override
        public Optional<String> requestKey(byte[] request) {
            return firstWord(new String(request, UTF_8));
        }

        @Override
        public Optional<String> replyKey(byte[] frame) {
            return firstWord(new String(frame, UTF_8));
        }

        private Optional<String> firstWord(String text) {
            int space = text.indexOf(' ');
            return space <= 0 ? Optional.empty() : Optional.of(text.substring(0, space));
        }
    };

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<Thread> workThreads = new CopyOnWriteArrayList<>();
    private final AtomicInteger workNumber = new AtomicInteger();
    private Integer sendBufferSize;
    private volatile boolean refuseConnects;
    private final AtomicInteger dialsRefused = new AtomicInteger();
    private Heartbeat heartbeat;

    private LogCapture linkLog;

    @BeforeEach
    void captureLogs() {
        linkLog = LogCapture.install(Logger.getLogger(Link.class.getName()), Level.FINE);
        closing.add(linkLog);
        closing.add(LogCapture.install(Logger.getLogger(Multiplexer.class.getName()), Level.INFO));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    void repliesOutOfOrderAfterRandomDelaysReachTheirOwnCallers() throws Exception {
        Random random = new Random(21);
        AsyncPeer peer = peer(replyLater(random, 20), true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 2, 64);

        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(multiplexer.request(bytes("k" + i + " payload-" + i), LONG_TIMEOUT).toCompletableFuture());
        }

        for (int i = 0; i < 100; i++) {
            assertThat(text(replies.get(i).get(10, TimeUnit.SECONDS))).isEqualTo("k" + i + " reply-to-payload-" + i);
        }
        assertThat(multiplexer.counters().replies()).isEqualTo(100);
        assertThat(peer.accepted.get()).as("sockets opened").isEqualTo(2);
    }

    @Test
    void pipelinesRequestsInOrderOnOneSocket() throws Exception {
        // the peer answers nothing until it holds all 50 requests: only pipelining gets them there
        CountDownLatch all = new CountDownLatch(50);
        List<String> lines = new CopyOnWriteArrayList<>();
        AsyncPeer peer = peer((client, line) -> {
            lines.add(line);
            all.countDown();
            if (all.getCount() == 0) {
                lines.forEach(each -> client.send("echo " + each));
            }
        }, true);
        Multiplexer multiplexer = multiplexer(peer, null, 1, 64);

        List<CompletableFuture<byte[]>> replies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            replies.add(multiplexer.request(bytes("request " + i), LONG_TIMEOUT).toCompletableFuture());
        }

        for (int i = 0; i < 50; i++) {
            assertThat(text(replies.get(i).get(10, TimeUnit.SECONDS))).isEqualTo("echo request " + i);
        }
        assertThat(peer.accepted.get()).isEqualTo(1);
    }

    @Test
    void refusesADuplicateKeyInFlightAtOnceWithoutWritingIt() throws Exception {
        AsyncPeer peer = peer((client, line) -> { }, true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 64);
        CompletableFuture<byte[]> first = multiplexer.request(bytes("A one"), LONG_TIMEOUT).toCompletableFuture();

        CompletableFuture<byte[]> second = multiplexer.request(bytes("A two"), LONG_TIMEOUT).toCompletableFuture();

        assertThat(second).isCompletedExceptionally();
        assertThatThrownBy(second::join).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("key A is in flight");
        assertThat(peer.received.poll(5, TimeUnit.SECONDS)).isEqualTo("A one");
        CompletableFuture<byte[]> third = multiplexer.request(bytes("B three"), LONG_TIMEOUT).toCompletableFuture();
        assertThat(peer.received.poll(5, TimeUnit.SECONDS)).as("the next line written").isEqualTo("B three");
        assertThat(multiplexer.counters().duplicateKeysRefused()).isEqualTo(1);
        assertThat(first).isNotDone();
        assertThat(third).isNotDone();
    }

    @Test
    void failsFastWhenEverySocketHasMaxInFlight() throws Exception {
        AsyncPeer peer = peer((client, line) -> { }, true);
        Multiplexer multiplexer = multiplexer(peer, null, 2, 3);
        List<CompletableFuture<byte[]>> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            held.add(multiplexer.request(bytes("r" + i), LONG_TIMEOUT).toCompletableFuture());
        }

        CompletableFuture<byte[]> refused = multiplexer.request(bytes("one too many"), LONG_TIMEOUT)
                .toCompletableFuture();

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("3 requests in flight on each of 2 connections")
                .hasMessageContaining("(maxInFlight)");
        assertThat(held).noneMatch(CompletableFuture::isDone);
        assertThat(multiplexer.inFlight()).isEqualTo(6);
    }

    @Test
    void aTimeoutLeavesTheSocketInUseAndTheLateReplyIsCounted() throws Exception {
        AsyncPeer peer = peer((client, line) -> {
            if (!line.startsWith("slow")) {
                client.send(line);
            }
        }, true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 64);
        CompletableFuture<byte[]> slow = multiplexer.request(bytes("slow request"), 100).toCompletableFuture();

        assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TcpTimeoutException.class)
                .hasMessageContaining("No reply from").hasMessageContaining("within 100 ms")
                .hasMessageContaining("slow");
        peer.clients.get(0).send("slow late reply");
        byte[] next = multiplexer.request(bytes("next request"), LONG_TIMEOUT).toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(text(next)).isEqualTo("next request");
        await(() -> multiplexer.counters().lateReplies() == 1);
        assertThat(multiplexer.counters().timeouts()).isEqualTo(1);
        assertThat(multiplexer.counters().unmatchedFrames()).isZero();
        assertThat(peer.accepted.get()).as("the same socket").isEqualTo(1);
    }

    @Test
    void inOrderATimeoutRecyclesTheSocketAndFailsTheRequestsBehindIt() throws Exception {
        AsyncPeer peer = peer((client, line) -> {
            if (!line.startsWith("slow")) {
                client.send("echo " + line);
            }
        }, true);
        Multiplexer multiplexer = multiplexer(peer, null, 1, 64);
        CompletableFuture<byte[]> slow = multiplexer.request(bytes("slow"), 200).toCompletableFuture();
        CompletableFuture<byte[]> behind = multiplexer.request(bytes("slow too"), LONG_TIMEOUT).toCompletableFuture();

        assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TcpTimeoutException.class);
        assertThatThrownBy(() -> behind.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("lost").hasMessageContaining("in order its late reply would answer");
        byte[] next = multiplexer.request(bytes("fresh"), LONG_TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(text(next)).isEqualTo("echo fresh");
        assertThat(peer.accepted.get()).as("a new socket").isEqualTo(2);
    }

    @Test
    void aKilledSocketFailsItsHundredRequestsAtOnceAndComesBack() throws Exception {
        AsyncPeer peer = peer((client, line) -> { }, true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 128);
        List<CompletableFuture<byte[]>> inFlight = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            inFlight.add(multiplexer.request(bytes("k" + i + " x"), LONG_TIMEOUT).toCompletableFuture());
        }
        for (int i = 0; i < 100; i++) {
            assertThat(peer.received.poll(5, TimeUnit.SECONDS)).as("line %d at the peer", i).isNotNull();
        }

        peer.clients.get(0).kill();

        // long before their 30 s timeout: at once
        CompletableFuture.allOf(inFlight.stream().map(f -> f.exceptionally(e -> null))
                .toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        for (CompletableFuture<byte[]> request : inFlight) {
            assertThatThrownBy(request::join).isInstanceOf(CompletionException.class)
                    .cause().isExactlyInstanceOf(ResourceException.class)
                    .hasMessageContaining("Connection to 127.0.0.1:" + peer.port() + " lost");
        }
        assertThat(multiplexer.counters().failed()).isEqualTo(100);
        peer.answer((client, line) -> client.send(line));
        byte[] after = multiplexer.request(bytes("again ok"), LONG_TIMEOUT).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(text(after)).isEqualTo("again ok");
        assertThat(peer.accepted.get()).isEqualTo(2);
        assertThat(multiplexer.linkStates()).singleElement().asString().contains("connected to 127.0.0.1");
        assertThat(linkLog.lines(Level.WARNING)).as("one line for the loss").singleElement().asString()
                .contains("lost").contains("100 requests failed");
        assertThat(linkLog.lines(Level.INFO)).as("one line for the link back").singleElement().asString()
                .contains("connected to 127.0.0.1:" + peer.port());
    }

    @Test
    void aPeerThatNeverReadsFailsRequestsWithinTheirTimeoutAndHoldsThemUnwritten() throws Exception {
        AsyncPeer peer = peer((client, line) -> { }, false);
        sendBufferSize = 16 * 1024; // whatever the kernel's auto-tuning would give
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 400);
        String filler = "x".repeat(16 * 1024);
        List<CompletableFuture<byte[]>> requests = new ArrayList<>();
        for (int i = 0; i < 400; i++) { // 6.4 MB: more than the socket buffers and Netty's high-water mark
            requests.add(multiplexer.request(bytes("k" + i + " " + filler), 1_000).toCompletableFuture());
        }

        List<String> failures = new ArrayList<>();
        for (CompletableFuture<byte[]> request : requests) {
            try {
                request.get(10, TimeUnit.SECONDS);
                failures.add("answered");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(TcpTimeoutException.class);
                failures.add(e.getCause().getMessage());
            }
        }
        assertThat(failures).filteredOn(m -> m.contains("not written")).as("held back, not buffered").isNotEmpty();
        assertThat(multiplexer.inFlight()).isZero();
    }

    @Test
    void completesOnACompletionWorkAndASlowCallbackDelaysNoOtherReply() throws Exception {
        AsyncPeer peer = peer((client, line) -> { }, true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 64);
        CountDownLatch release = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        CompletableFuture<byte[]> slowCallback = multiplexer.request(bytes("a 1"), LONG_TIMEOUT)
                .thenApply(reply -> {
                    threads.add(Thread.currentThread().getName());
                    await(release);
                    return reply;
                }).toCompletableFuture();
        CompletableFuture<String> other = multiplexer.request(bytes("b 2"), LONG_TIMEOUT)
                .thenApply(reply -> Thread.currentThread().getName()).toCompletableFuture();
        assertThat(peer.received.poll(5, TimeUnit.SECONDS)).isEqualTo("a 1");
        assertThat(peer.received.poll(5, TimeUnit.SECONDS)).isEqualTo("b 2");

        peer.clients.get(0).send("a 1");
        await(() -> !threads.isEmpty());
        peer.clients.get(0).send("b 2");

        String otherThread = other.get(5, TimeUnit.SECONDS);
        assertThat(slowCallback).as("still in its callback").isNotDone();
        release.countDown();
        slowCallback.get(5, TimeUnit.SECONDS);
        assertThat(threads).singleElement().asString().contains("-completion-");
        assertThat(otherThread).contains("-completion-").isNotEqualTo(threads.get(0));
    }

    @Test
    void thousandsOfConcurrentRequestsWithRandomKeysEachGetTheirOwnReply() throws Exception {
        Random random = new Random(4242);
        AsyncPeer peer = peer(replyLater(random, 5), true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 2, 2_000);
        int callers = 8;
        int perCaller = 500;
        List<CompletableFuture<Boolean>> checks = new CopyOnWriteArrayList<>();
        CountDownLatch submitted = new CountDownLatch(callers);
        for (int c = 0; c < callers; c++) {
            long seed = c;
            Thread caller = new Thread(() -> {
                Random keys = new Random(seed);
                for (int i = 0; i < perCaller; i++) {
                    String key = Long.toHexString(keys.nextLong()) + "-" + seed + "-" + i;
                    String payload = "p" + keys.nextInt();
                    checks.add(multiplexer.request(bytes(key + " " + payload), LONG_TIMEOUT).toCompletableFuture()
                            .thenApply(reply -> text(reply).equals(key + " reply-to-" + payload)));
                }
                submitted.countDown();
            });
            caller.start();
        }
        assertThat(submitted.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(checks).hasSize(callers * perCaller).allSatisfy(check -> assertThat(check.join()).isTrue());
        assertThat(multiplexer.counters().replies()).isEqualTo(callers * perCaller);
        assertThat(multiplexer.counters().unmatchedFrames()).isZero();
    }

    @Test
    void aPeerThatCannotBeReachedFailsRequestsAtOnceAndTheLinkComesBackWhenItCan() throws Exception {
        AsyncPeer peer = peer((client, line) -> client.send(line), true);
        refuseConnects = true;
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 8);

        CompletableFuture<byte[]> first = multiplexer.request(bytes("a 1"), LONG_TIMEOUT).toCompletableFuture();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("refused for the test");
        await(() -> multiplexer.linkStates().get(0).contains("backing off until"));
        CompletableFuture<byte[]> whileDown = multiplexer.request(bytes("b 2"), LONG_TIMEOUT).toCompletableFuture();
        assertThatThrownBy(() -> whileDown.get(5, TimeUnit.SECONDS)).hasMessageContaining("No connection to")
                .hasMessageContaining("refused for the test");
        refuseConnects = false;
        await(() -> multiplexer.linkStates().get(0).contains("connected"));
        assertThat(text(multiplexer.request(bytes("c 3"), LONG_TIMEOUT).toCompletableFuture()
                .get(5, TimeUnit.SECONDS))).isEqualTo("c 3");
        assertThat(dialsRefused.get()).as("attempts").isGreaterThanOrEqualTo(2);
        assertThat(linkLog.lines(Level.WARNING)).as("one line while it was down, not one per attempt")
                .singleElement().asString().contains("refused for the test");
        assertThat(linkLog.lines(Level.INFO)).singleElement().asString().contains("connected");
    }

    @Test
    void anInvalidFrameFailsTheSocketsRequestsWithTheFramingErrorAndTheLinkComesBack() throws Exception {
        AsyncPeer peer = peer((client, line) -> client.send(line.startsWith("bad") ? "x".repeat(200) : line), true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 8, 100);
        CompletableFuture<byte[]> waiting = multiplexer.request(bytes("w 1"), LONG_TIMEOUT).toCompletableFuture();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNotNull();
        peer.answer((client, line) -> client.send(line.startsWith("bad") ? "x".repeat(200) : ""));
        CompletableFuture<byte[]> held = multiplexer.request(bytes("h 2"), LONG_TIMEOUT).toCompletableFuture();
        CompletableFuture<byte[]> bad = multiplexer.request(bytes("bad 3"), LONG_TIMEOUT).toCompletableFuture();

        for (CompletableFuture<byte[]> failed : List.of(held, bad)) {
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceException.class)
                    .hasMessageContaining("lost: invalid frame");
        }
        peer.answer((client, line) -> client.send(line));
        assertThat(text(multiplexer.request(bytes("ok 4"), LONG_TIMEOUT).toCompletableFuture()
                .get(5, TimeUnit.SECONDS))).isEqualTo("ok 4");
        assertThat(peer.accepted.get()).isEqualTo(2);
    }

    @Test
    void framesThatAnswerNoRequestAreCountedAsUnmatchedAndLeaveTheSocketInUse() throws Exception {
        AsyncPeer peer = peer((client, line) -> {
            client.send("stranger unasked");
            client.send("nokey");
            client.send(line);
        }, true);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 8);

        assertThat(text(multiplexer.request(bytes("k 1"), LONG_TIMEOUT).toCompletableFuture()
                .get(5, TimeUnit.SECONDS))).isEqualTo("k 1");

        assertThat(multiplexer.counters().unmatchedFrames()).isEqualTo(2);
        assertThat(multiplexer.counters().lateReplies()).isZero();
        assertThat(peer.accepted.get()).isEqualTo(1);
    }

    @Test
    void byKeyAQuietSocketSendsHeartbeatsWhoseAnswersAnswerNoCaller() throws Exception {
        AsyncPeer peer = peer((client, line) -> client.send(line), true);
        heartbeat = heartbeat("hb ping", 50, LONG_TIMEOUT);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 8);
        assertThat(text(multiplexer.request(bytes("k 1"), LONG_TIMEOUT).toCompletableFuture()
                .get(5, TimeUnit.SECONDS))).isEqualTo("k 1");

        for (int i = 0; i < 3; i++) {
            assertThat(peer.received.poll(5, TimeUnit.SECONDS)).isIn("k 1", "hb ping");
        }
        await(() -> multiplexer.heartbeats().heartbeatsSent() >= 3
                && multiplexer.inFlight() == 0);

        assertThat(multiplexer.heartbeats().heartbeatsMissed()).isZero();
        assertThat(multiplexer.counters().unmatchedFrames()).as("answers are the heartbeats'").isZero();
        assertThat(multiplexer.counters().replies()).as("no caller got one").isEqualTo(1);
        assertThat(peer.accepted.get()).isEqualTo(1);
    }

    @Test
    void inOrderHeartbeatsBetweenRequestsNeverHandACallerAnotherReply() throws Exception {
        AsyncPeer peer = peer((client, line) -> client.send("echo " + line), true);
        heartbeat = heartbeat("ping", 5, LONG_TIMEOUT);
        Multiplexer multiplexer = multiplexer(peer, null, 1, 8);

        for (int i = 0; i < 40; i++) {
            CompletableFuture<byte[]> reply = multiplexer.request(bytes("r" + i), LONG_TIMEOUT).toCompletableFuture();
            assertThat(text(reply.get(5, TimeUnit.SECONDS))).isEqualTo("echo r" + i);
            if (i % 10 == 9) { // quiet spells: heartbeats go between the requests
                long sent = multiplexer.heartbeats().heartbeatsSent();
                await(() -> multiplexer.heartbeats().heartbeatsSent() > sent);
            }
        }

        assertThat(multiplexer.heartbeats().heartbeatsSent()).isGreaterThanOrEqualTo(4);
        assertThat(multiplexer.heartbeats().heartbeatsMissed()).isZero();
        assertThat(multiplexer.counters().replies()).isEqualTo(40);
        assertThat(peer.accepted.get()).isEqualTo(1);
    }

    @Test
    void anUnansweredHeartbeatRecyclesTheSocketSayingWhyAndTheLinkComesBack() throws Exception {
        AsyncPeer peer = peer((client, line) -> {
            if (!line.startsWith("hb")) {
                client.send(line);
            }
        }, true);
        heartbeat = heartbeat("hb ping", 50, 200);
        Multiplexer multiplexer = multiplexer(peer, FIRST_WORD, 1, 8);
        assertThat(text(multiplexer.request(bytes("k 1"), LONG_TIMEOUT).toCompletableFuture()
                .get(5, TimeUnit.SECONDS))).isEqualTo("k 1");

        await(() -> multiplexer.heartbeats().heartbeatsMissed() >= 1);
        assertThat(text(multiplexer.request(bytes("k 2"), LONG_TIMEOUT).toCompletableFuture()
                .get(5, TimeUnit.SECONDS))).isEqualTo("k 2");

        assertThat(peer.accepted.get()).as("a new socket").isGreaterThanOrEqualTo(2);
        assertThat(linkLog.lines(Level.WARNING)).first().asString().contains("lost")
                .contains("no answer to the heartbeat within 200 ms (heartbeatReplyTimeoutMillis)");
    }

    @Test
    void aStoppedMultiplexerFailsWhatIsInFlightAndRefusesNewRequests() throws Exception {
        AsyncPeer peer = peer((client, line) -> { }, true);
        Multiplexer multiplexer = multiplexer(peer, null, 1, 8);
        CompletableFuture<byte[]> pending = multiplexer.request(bytes("x"), LONG_TIMEOUT).toCompletableFuture();
        assertThat(peer.received.poll(5, TimeUnit.SECONDS)).isEqualTo("x");

        multiplexer.close();

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasMessageContaining("closed");
        assertThat(multiplexer.request(bytes("y"), LONG_TIMEOUT).toCompletableFuture()).isCompletedExceptionally();
        assertThat(workThreads).allSatisfy(thread -> {
            thread.join(5_000);
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        });
    }

    private AsyncPeer peer(AsyncPeer.Answer answer, boolean reads) throws Exception {
        AsyncPeer peer = new AsyncPeer(answer, reads);
        closing.add(peer);
        return peer;
    }

    /** Replies "key reply-to-payload" after a random delay up to {@code maxDelayMillis}: out of order. */
    private static AsyncPeer.Answer replyLater(Random random, int maxDelayMillis) {
        return (client, line) -> {
            int space = line.indexOf(' ');
            String reply = line.substring(0, space) + " reply-to-" + line.substring(space + 1);
            int delay;
            synchronized (random) {
                delay = random.nextInt(maxDelayMillis + 1);
            }
            client.sendLater(reply, delay);
        };
    }

    private static Heartbeat heartbeat(String frame, int intervalMillis, long replyTimeoutMillis) throws Exception {
        return Heartbeat.of(intervalMillis, frame, (int) replyTimeoutMillis, new LineFraming(1 << 20));
    }

    private Multiplexer multiplexer(AsyncPeer peer, TcpCorrelation keys, int links, int maxInFlight) {
        return multiplexer(peer, keys, links, maxInFlight, 1 << 20);
    }

    private Multiplexer multiplexer(AsyncPeer peer, TcpCorrelation keys, int links, int maxInFlight,
            int maxFrameLength) {
        String name = "127.0.0.1:" + peer.port();
        MultiplexSettings settings = new MultiplexSettings(name, keys == null ? "IN_ORDER" : "TEST",
                Optional.ofNullable(keys), links, maxInFlight, new LineFraming(maxFrameLength), 5_000, heartbeat);
        Multiplexer multiplexer = new Multiplexer(settings, () -> dial(peer.port(), name), this::works);
        closing.add(multiplexer);
        return multiplexer;
    }

    private Dialer.Dialed dial(int port, String name) throws ResourceException {
        if (refuseConnects) {
            dialsRefused.incrementAndGet();
            throw new ResourceException("Cannot connect to " + name + " (refused for the test)");
        }
        try {
            SocketChannel channel = SocketChannel.open();
            if (sendBufferSize != null) {
                channel.socket().setSendBufferSize(sendBufferSize);
            }
            channel.connect(new InetSocketAddress("127.0.0.1", port));
            return new Dialer.Dialed(channel, name);
        } catch (java.io.IOException e) {
            throw new ResourceException("Cannot connect to " + name + ": " + e.getMessage(), e);
        }
    }

    // each task a new daemon thread named as the work manager's work would be
    private Executor works(String name, boolean longRunning) {
        return task -> {
            Thread thread = new Thread(task, name + "-" + workNumber.incrementAndGet());
            thread.setDaemon(true);
            workThreads.add(thread);
            thread.start();
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
