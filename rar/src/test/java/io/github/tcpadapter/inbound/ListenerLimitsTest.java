package io.github.tcpadapter.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.framing.FrameDecoder;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.framing.LineFraming;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Ordering under load, backpressure, and the limits a listener enforces. */
class ListenerLimitsTest extends ListenerTestSupport {

    // a bound for the tests that push many frames through a four-frame queue, not a speed target
    private static final long LOAD_TIMEOUT_MILLIS = 60_000;

    @Test
    void manyClientsEachGetTheirRepliesInOrder() throws Exception {
        startListener();
        assertEveryClientGetsItsRepliesInOrder(40, 250);
    }

    @Test
    void aFullBeanPoolDelaysDeliveriesInsteadOfDroppingThem() throws Exception {
        endpoints.poolSize = 3; // fewer beans than connections, and no maxConcurrency to keep within it
        startListener();
        List<Socket> slowClients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            Socket client = client();
            send(client, "slow\n");
            slowClients.add(client);
        }
        awaitTrue("three beans busy and a delivery refused",
                () -> endpoints.slowNow.get() == 3 && endpoints.refusedAsFull.get() > 0);
        endpoints.releaseSlow.countDown();

        for (Socket client : slowClients) {
            assertThat(readLine(client)).isEqualTo("ok: slow");
        }
        assertThat(endpoints.slowMost).hasValue(3);
        assertEveryClientGetsItsRepliesInOrder(20, 50);
    }

    private void assertEveryClientGetsItsRepliesInOrder(int clientCount, int frames) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clientCount);
        try {
            List<Future<List<String>>> replies = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                Socket client = client();
                String name = "c" + c;
                replies.add(pool.submit(() -> converse(client, name, frames)));
            }
            for (int c = 0; c < clientCount; c++) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < frames; i++) {
                    expected.add("ok: c" + c + " " + i);
                }
                assertThat(replies.get(c).get(LOAD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends every frame at once, then reads the replies. */
    private static List<String> converse(Socket client, String name, int frames) throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            all.append(name).append(' ').append(i).append('\n');
        }
        send(client, all.toString());
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            replies.add(readLine(client));
        }
        return replies;
    }

    @Test
    void aSlowBeanPausesReadingWithoutDroppingAnything() throws Exception {
        int maxPending = 4;
        int frames = 20_000;
        CountingFraming framing = new CountingFraming(new LineFraming(MAX_FRAME_LENGTH), endpoints);
        ListenerSettings configured = settings(spec -> spec.setMaxPendingFrames(maxPending));
        startListener(configured.withFraming(framing));
        Socket client = client();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> sending = pool.submit(() -> {
                OutputStream out = new BufferedOutputStream(client.getOutputStream());
                out.write("hold\n".getBytes(UTF_8));
                for (int i = 0; i < frames; i++) {
                    out.write(("f" + i + "\n").getBytes(UTF_8));
                }
                out.flush();
                return null;
            });
            Future<List<String>> reading = pool.submit(readLines(client, frames + 1));

            // the bean holds the first frame while the client keeps sending: the queue fills up, then no more
            // frames are decoded (the bytes stay in the socket buffers, then the sender blocks)
            awaitTrue("a full queue", () -> framing.mostAhead.get() >= maxPending);
            endpoints.releaseHold.countDown();

            // 20,000 hand-overs between the event loop and the deliveries: seconds on a machine whose cores are busy
            sending.get(LOAD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            List<String> replies = reading.get(LOAD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(replies.get(0)).isEqualTo("ok: hold");
            for (int i = 0; i < frames; i++) {
                assertThat(replies.get(i + 1)).isEqualTo("ok: f" + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(framing.mostAhead).as("frames decoded but not yet delivered, at most")
                .hasValueLessThanOrEqualTo(maxPending + 1);
    }

    private static Callable<List<String>> readLines(Socket client, int count) {
        return () -> {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                lines.add(readLine(client));
            }
            return lines;
        };
    }

    @Test
    void maxPendingBytesBoundsWhatAllConnectionsHoldTogether() throws Exception {
        int budget = 8 * 1024;
        int clientCount = 4;
        int frames = 3_000; // 180 KB a client: far over the budget
        startListener(spec -> {
            spec.setMaxPendingBytes(budget);
            spec.setMaxPendingFrames(100_000);
        });
        List<Socket> senders = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clientCount);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                Socket client = client();
                senders.add(client);
                sent.add(pool.submit(() -> {
                    OutputStream out = new BufferedOutputStream(client.getOutputStream());
                    out.write("slow\n".getBytes(UTF_8));
                    for (int i = 0; i < frames; i++) {
                        out.write(String.format("%058d%n", i).getBytes(UTF_8));
                    }
                    out.flush();
                    return null;
                }));
            }
            awaitTrue("every bean held", () -> endpoints.slowNow.get() == clientCount);
            // what the listener reads until the budget stops it: at most the budget twice, and a read each
            long most = 0;
            for (int look = 0; look < 50; look++) {
                most = Math.max(most, listener.pendingBytes());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(most).isGreaterThan(0)
                    .isLessThanOrEqualTo(2L * budget + (long) clientCount * InboundListener.MAX_READ_BYTES);

            endpoints.releaseSlow.countDown();
            for (Socket client : senders) {
                assertThat(readLine(client)).isEqualTo("ok: slow");
                for (int i = 0; i < frames; i++) {
                    assertThat(readLine(client)).isEqualTo("ok: " + String.format("%058d", i));
                }
            }
            for (Future<?> done : sent) {
                done.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
            awaitTrue("nothing held", () -> listener.pendingBytes() == 0);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void maxConcurrencyBoundsTheConnectionsServedAtOnce() throws Exception {
        startListener(spec -> spec.setMaxConcurrency(2));
        List<Socket> open = slowClients(4);
        awaitTrue("two slow calls", () -> endpoints.slowEntered.get() == 2);
        awaitTrue("four connections accepted", () -> registry.openSessions(port).size() == 4);

        endpoints.releaseSlow.countDown();

        for (Socket client : open) {
            assertThat(readLine(client)).isEqualTo("ok: slow");
        }
        assertThat(endpoints.slowMost).as("slow calls at once").hasValue(2);
    }

    @Test
    void underMaxConcurrencyABusyConnectionTakesTurnsWithTheOthers() throws Exception {
        startListener(spec -> spec.setMaxConcurrency(1));
        Socket busy = client();
        StringBuilder frames = new StringBuilder("hold\n");
        for (int i = 0; i < 100; i++) {
            frames.append("a").append(i).append('\n');
        }
        send(busy, frames.toString());
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        Socket other = client();
        send(other, "b\n");
        awaitTrue("the other connection accepted", () -> registry.openSessions(port).size() == 2);

        endpoints.releaseHold.countDown();

        assertThat(readLine(other)).isEqualTo("ok: b");
        assertThat(readLine(busy)).isEqualTo("ok: hold");
        for (int i = 0; i < 100; i++) {
            assertThat(readLine(busy)).isEqualTo("ok: a" + i);
        }
        List<String> texts = endpoints.texts();
        assertThat(texts.indexOf("b")).as("the other's frame came before the busy one's last")
                .isLessThan(texts.indexOf("a99"));
    }

    @Test
    void withoutMaxConcurrencyEveryConnectionIsServedAtOnce() throws Exception {
        startListener();
        List<Socket> open = slowClients(4);

        awaitTrue("four slow calls at once", () -> endpoints.slowNow.get() == 4);
        endpoints.releaseSlow.countDown();

        for (Socket client : open) {
            assertThat(readLine(client)).isEqualTo("ok: slow");
        }
    }

    private List<Socket> slowClients(int count) throws IOException {
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket client = client();
            send(client, "slow\n");
            open.add(client);
        }
        return open;
    }

    @Test
    void connectionsBeyondMaxConnectionsAreClosedAtOnce() throws Exception {
        startListener(spec -> spec.setMaxConnections(2));
        Socket first = client();
        Socket second = client();
        send(first, "one\n");
        send(second, "two\n");
        assertThat(readLine(first)).isEqualTo("ok: one");
        assertThat(readLine(second)).isEqualTo("ok: two");

        Socket refused = client();
        assertClosedByServer(refused);

        first.close();
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
        Socket third = client();
        assertAnswered(third, "three");
        assertThat(endpoints.events).filteredOn(event -> event.startsWith("connect")).hasSize(3);
    }

    @Test
    void idleTimeoutClosesASilentConnection() throws Exception {
        startListener(spec -> spec.setIdleTimeoutMillis(100));
        Socket talking = client();
        assertAnswered(talking, "hi");

        assertClosedByServer(talking);
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
    }

    @Test
    void idleTimeoutSparesAConnectionWaitingForTheBean() throws Exception {
        startListener(spec -> spec.setIdleTimeoutMillis(100));
        Socket waiting = client();
        send(waiting, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

        // connected after the held frame, so once it is closed for idleness the held one was idle as long
        Socket silent = client();
        assertClosedByServer(silent);
        endpoints.releaseHold.countDown();

        assertThat(readLine(waiting)).isEqualTo("ok: hold");
        assertAnswered(waiting, "still there");
    }

    @Test
    void idleTimeoutClosesAConnectionWhoseClientReadsNothing() throws Exception {
        int frameLength = 50_000;
        startListener(spec -> {
            spec.setIdleTimeoutMillis(300);
            spec.setMaxFrameLength(frameLength + 10);
        });
        Socket deaf = new Socket();
        clients.add(deaf);
        deaf.setReceiveBufferSize(16 * 1024); // fixed, so its replies cannot all fit in buffers
        deaf.connect(new InetSocketAddress(LOCALHOST, port), TIMEOUT_MILLIS);
        String frame = "d".repeat(frameLength) + "\n";
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // 10 MB of replies: more than the kernel buffers of the replies' way, so a delivery waits to write
            pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    send(deaf, frame);
                }
                return null;
            });

            TcpSession closed = endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            assertThat(closed).as("disconnected for idleness").isNotNull();
            assertThat(closed.isOpen()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void onErrorCloseClosesOnlyTheFailingClient() throws Exception {
        startListener();
        Socket good = client();
        Socket bad = client();
        assertAnswered(good, "before");

        send(bad, "boom\nnever delivered\n");

        assertClosedByServer(bad);
        assertAnswered(good, "after");
        assertThat(endpoints.texts()).doesNotContain("never delivered");
    }

    @Test
    void onErrorContinueGoesOnWithTheNextFrame() throws Exception {
        startListener(spec -> spec.setOnError("continue"));
        Socket client = client();

        send(client, "boom\nnext\n");

        assertThat(readLine(client)).as("the failed frame got no reply").isEqualTo("ok: next");
        assertThat(endpoints.texts()).containsExactly("boom", "next");
    }

    /** Line framing whose decoders track how many frames were decoded ahead of the bean's calls. */
    private static final class CountingFraming implements Framing {

        final AtomicInteger mostAhead = new AtomicInteger();
        private final Framing framing;
        private final FakeEndpointFactory endpoints;
        private final AtomicInteger decoded = new AtomicInteger();

        CountingFraming(Framing framing, FakeEndpointFactory endpoints) {
            this.framing = framing;
            this.endpoints = endpoints;
        }

        @Override
        public FrameDecoder newDecoder() {
            FrameDecoder decoder = framing.newDecoder();
            return new FrameDecoder() {
                @Override
                public byte[] decode(ByteBuffer in) throws FramingException {
                    byte[] frame = decoder.decode(in);
                    if (frame != null) {
                        int ahead = decoded.incrementAndGet() - endpoints.messages.size();
                        mostAhead.accumulateAndGet(ahead, Math::max);
                    }
                    return frame;
                }

                @Override
                public int pendingBytes() {
                    return decoder.pendingBytes();
                }
            };
        }

        @Override
        public byte[] encode(byte[] payload) throws FramingException {
            return framing.encode(payload);
        }
    }
}
