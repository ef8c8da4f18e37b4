package io.github.tcpadapter.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.framing.LineFraming;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundListenerTest {

    private static final String LOCALHOST = "127.0.0.1";
    private static final int MAX_FRAME_LENGTH = 64;
    private static final int TIMEOUT_MILLIS = 5_000;

    // the listener logs the client failures these tests provoke on purpose
    private static final Logger INBOUND_LOG = Logger.getLogger("io.github.tcpadapter.inbound");
    private static Level savedLevel;

    private final List<Socket> clients = new ArrayList<>();
    private ThreadWorkManager workManager;
    private FakeEndpointFactory endpoints;
    private InboundListener listener;
    private int port;
    private boolean running;

    @BeforeAll
    static void quietLogs() {
        savedLevel = INBOUND_LOG.getLevel();
        INBOUND_LOG.setLevel(Level.SEVERE);
    }

    @AfterAll
    static void restoreLogs() {
        INBOUND_LOG.setLevel(savedLevel);
    }

    @BeforeEach
    void createListener() throws IOException {
        port = freePort();
        workManager = new ThreadWorkManager();
        endpoints = new FakeEndpointFactory();
        listener = new InboundListener(new ListenerSettings(LOCALHOST, port,
                new LineFraming(MAX_FRAME_LENGTH), UTF_8, 128, 10_000, 0, 16, 0, OnError.CLOSE, 10_000, true),
                endpoints, workManager, new SessionRegistry());
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Socket client : clients) {
            client.close();
        }
        if (running) {
            stopListener();
        }
        workManager.awaitAllDone();
        assertThat(endpoints.released).as("every endpoint released").hasValue(endpoints.created.get());
        assertThat(endpoints.misuses).isEmpty();
    }

    @Test
    void repliesInOrderOnOneConnection() throws Exception {
        startListener();
        Socket client = client();

        send(client, "one\ntwo\nthree\n");
        assertThat(readLine(client)).isEqualTo("ok: one");
        assertThat(readLine(client)).isEqualTo("ok: two");
        assertThat(readLine(client)).isEqualTo("ok: three");

        send(client, "four\n");
        assertThat(readLine(client)).isEqualTo("ok: four");
        assertThat(endpoints.texts()).containsExactly("one", "two", "three", "four");
    }

    @Test
    void crLfTerminatedFramesAreUnderstood() throws Exception {
        startListener();
        Socket client = client();

        send(client, "windows\r\n");

        assertThat(readLine(client)).isEqualTo("ok: windows");
        assertThat(endpoints.texts()).containsExactly("windows");
    }

    @Test
    void frameSplitOverSeveralWritesIsOneMessage() throws Exception {
        startListener();
        Socket client = client();

        send(client, "hel");
        send(client, "lo");
        send(client, "\n");

        assertThat(readLine(client)).isEqualTo("ok: hello");
    }

    @Test
    void messageCarriesTheClientsAddress() throws Exception {
        startListener();
        Socket client = client();

        send(client, "who am i\n");
        assertThat(readLine(client)).isEqualTo("ok: who am i");

        TcpMessage message = endpoints.messages.poll();
        assertThat(message).isNotNull();
        assertThat(message.remoteAddress().getPort()).isEqualTo(client.getLocalPort());
        assertThat(message.remoteAddress().getAddress().getHostAddress()).isEqualTo(LOCALHOST);
    }

    @Test
    void nullReplySendsNothing() throws Exception {
        startListener();
        Socket client = client();

        send(client, "silent\nnext\n");

        assertThat(readLine(client)).as("the silent frame got no reply").isEqualTo("ok: next");
        assertThat(endpoints.texts()).containsExactly("silent", "next");
    }

    @Test
    void severalClientsAreServedConcurrently() throws Exception {
        startListener();
        int count = 5;
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(client());
        }
        for (int i = 0; i < count; i++) {
            send(open.get(i), "client " + i + "\n");
        }
        // every connection stays open and idle while the others are answered: a server handling one client at a
        // time could not answer the last client first
        for (int i = count - 1; i >= 0; i--) {
            assertThat(readLine(open.get(i))).isEqualTo("ok: client " + i);
        }
        for (int i = 0; i < count; i++) {
            send(open.get(i), "again " + i + "\n");
            assertThat(readLine(open.get(i))).isEqualTo("ok: again " + i);
        }
    }

    @Test
    void replyOfExactlyMaxFrameLengthIsSent() throws Exception {
        startListener();
        Socket client = client();
        String text = "y".repeat(MAX_FRAME_LENGTH - "ok: ".length());

        send(client, text + "\n");

        assertThat(readLine(client)).isEqualTo("ok: " + text).hasSize(MAX_FRAME_LENGTH);
    }

    @Test
    void frameOfExactlyMaxFrameLengthIsDelivered() throws Exception {
        startListener();
        Socket client = client();
        String longest = "s".repeat(MAX_FRAME_LENGTH);

        send(client, longest + "\r\n");

        // delivered, but its reply "ok: " + 64 bytes is too long to be framed, so the connection closes
        assertClosedByServer(client);
        assertThat(endpoints.texts()).containsExactly(longest);
    }

    @Test
    void replyOverMaxFrameLengthClosesThatClient() throws Exception {
        startListener();
        Socket client = client();

        send(client, "y".repeat(MAX_FRAME_LENGTH - "ok: ".length() + 1) + "\n");

        assertClosedByServer(client);
    }

    @Test
    void overlongLineClosesOnlyThatClient() throws Exception {
        startListener();
        Socket good = client();
        Socket bad = client();
        send(good, "before\n");
        assertThat(readLine(good)).isEqualTo("ok: before");

        // exactly one byte more than the decoder may hold, so the server has read everything the client sent
        send(bad, "x".repeat(MAX_FRAME_LENGTH + 2));

        assertClosedByServer(bad);
        send(good, "after\n");
        assertThat(readLine(good)).isEqualTo("ok: after");
        assertThat(endpoints.texts()).containsExactly("before", "after");
    }

    @Test
    void overlongFrameWithLfClosesOnlyThatClient() throws Exception {
        startListener();
        Socket good = client();
        Socket bad = client();

        send(bad, "z".repeat(MAX_FRAME_LENGTH + 1) + "\n");

        assertClosedByServer(bad);
        send(good, "fine\n");
        assertThat(readLine(good)).isEqualTo("ok: fine");
    }

    @Test
    void failingEndpointClosesOnlyThatClient() throws Exception {
        startListener();
        Socket good = client();
        Socket bad = client();
        send(good, "before\n");
        assertThat(readLine(good)).isEqualTo("ok: before");

        send(bad, "boom\n");

        assertClosedByServer(bad);
        assertThat(endpoints.released).as("the failing endpoint was released too").hasValue(endpoints.created.get());
        send(good, "after\n");
        assertThat(readLine(good)).isEqualTo("ok: after");
    }

    @Test
    void clientDisconnectingEndsItsWork() throws Exception {
        startListener();
        Socket client = client();
        send(client, "bye\n");
        assertThat(readLine(client)).isEqualTo("ok: bye");

        client.close();

        // the accept loop goes on; the connection's work ends
        Socket next = client();
        send(next, "next\n");
        assertThat(readLine(next)).isEqualTo("ok: next");
    }

    @Test
    void startOnAPortInUseThrowsNamingThePort() throws Exception {
        try (ServerSocket occupant = new ServerSocket(port, 50, InetAddress.getByName(LOCALHOST))) {
            assertThat(occupant.getLocalPort()).isEqualTo(port);
            assertThatThrownBy(listener::start)
                    .isInstanceOf(ResourceException.class)
                    .hasMessageContaining(LOCALHOST + ":" + port);
        }
        assertThat(workManager.threads).as("no work scheduled").isEmpty();
    }

    @Test
    void stopReleasesThePortAndClosesOpenClients() throws Exception {
        startListener();
        Socket first = client();
        Socket second = client();
        send(first, "hello\n");
        assertThat(readLine(first)).isEqualTo("ok: hello");
        send(second, "silent\nhi\n");
        assertThat(readLine(second)).isEqualTo("ok: hi");

        stopListener();

        assertClosedByServer(first);
        assertClosedByServer(second);
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.setReuseAddress(true); // the closed connections may linger in TIME_WAIT
            assertThatCode(() -> rebound.bind(new InetSocketAddress(LOCALHOST, port))).doesNotThrowAnyException();
        }
        assertThat(workManager.awaitAllDone()).as("every work ended").isTrue();
        assertThat(endpoints.created).hasValue(3);
        assertThat(endpoints.released).hasValue(3);
    }

    @Test
    void stopLetsAFrameInProgressFinishAndWritesItsReply() throws Exception {
        startListener();
        Socket client = client();
        send(client, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

        Thread stopper = new Thread(this::stopListener, "test-stopper");
        stopper.start();
        awaitWaiting(stopper);
        endpoints.releaseHold.countDown();

        assertThat(readLine(client)).isEqualTo("ok: hold");
        assertClosedByServer(client);
        stopper.join(TIMEOUT_MILLIS);
        assertThat(stopper.isAlive()).as("stop returned").isFalse();
    }

    @Test
    void stopWithoutClientsReturnsAndFreesThePort() throws Exception {
        startListener();

        stopListener();

        try (ServerSocket rebound = new ServerSocket()) {
            rebound.setReuseAddress(true);
            assertThatCode(() -> rebound.bind(new InetSocketAddress(LOCALHOST, port))).doesNotThrowAnyException();
        }
        assertThat(workManager.threads).hasSize(1);
        assertThat(workManager.awaitAllDone()).isTrue();
        assertThat(endpoints.created).hasValue(0);
    }

    @Test
    void connectingAfterStopIsRefused() throws Exception {
        startListener();
        stopListener();

        Socket socket = new Socket();
        clients.add(socket);
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(LOCALHOST, port), TIMEOUT_MILLIS))
                .isInstanceOf(IOException.class);
    }

    // ---- helpers ----

    private void startListener() throws ResourceException {
        listener.start();
        running = true;
    }

    private void stopListener() {
        running = false;
        listener.stop();
    }

    private Socket client() throws IOException {
        Socket socket = new Socket();
        clients.add(socket);
        socket.connect(new InetSocketAddress(LOCALHOST, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    /** Reads one LF-terminated line (bounded in length); fails on EOF or timeout. */
    private static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i <= MAX_FRAME_LENGTH + 1; i++) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after " + line.size() + " bytes of a line");
            }
            if (b == '\n') {
                return line.toString(UTF_8);
            }
            line.write(b);
        }
        throw new AssertionError("line longer than maxFrameLength: " + line.toString(UTF_8));
    }

    /** Waits, bounded, until the thread blocks: here, stop() waiting for the frame in progress. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("%s waiting", thread.getName()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        assertThat(socket.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            return socket.getLocalPort();
        }
    }

    /** Runs each scheduled work on a new thread. */
    private static final class ThreadWorkManager implements WorkManager {

        final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final AtomicInteger counter = new AtomicInteger();

        @Override
        public void scheduleWork(Work work) {
            Thread thread = new Thread(work, "test-work-" + counter.incrementAndGet());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        @Override
        public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            scheduleWork(work);
        }

        /** @return whether every work thread ended within the timeout */
        boolean awaitAllDone() throws InterruptedException {
            for (Thread thread : threads) {
                thread.join(TIMEOUT_MILLIS);
            }
            return threads.stream().noneMatch(Thread::isAlive);
        }

        @Override
        public void doWork(Work work) {
            throw new UnsupportedOperationException("doWork");
        }

        @Override
        public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            throw new UnsupportedOperationException("doWork");
        }

        @Override
        public long startWork(Work work) {
            throw new UnsupportedOperationException("startWork");
        }

        @Override
        public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
            throw new UnsupportedOperationException("startWork");
        }
    }

    /**
     * Creates proxy endpoints implementing {@link TcpMessageListener}: "silent" gets no reply, "boom" throws, "hold"
     * waits until the test releases it, any other text gets "ok: " + text.
     */
    private static final class FakeEndpointFactory implements MessageEndpointFactory {

        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final BlockingQueue<TcpMessage> messages = new LinkedBlockingQueue<>();
        final List<String> misuses = new CopyOnWriteArrayList<>();
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch releaseHold = new CountDownLatch(1);

        List<String> texts() {
            return messages.stream().map(TcpMessage::text).toList();
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource) {
            created.incrementAndGet();
            AtomicBoolean endpointReleased = new AtomicBoolean();
            return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {MessageEndpoint.class, TcpMessageListener.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "onMessage" -> {
                            if (endpointReleased.get()) {
                                misuses.add("onMessage after release");
                            }
                            yield onMessage((TcpMessage) args[0]);
                        }
                        case "release" -> {
                            if (endpointReleased.getAndSet(true)) {
                                misuses.add("released twice");
                            }
                            released.incrementAndGet();
                            yield null;
                        }
                        case "beforeDelivery", "afterDelivery" -> null;
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "fake endpoint";
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
            return createEndpoint(xaResource);
        }

        private byte[] onMessage(TcpMessage message) {
            messages.add(message);
            String text = message.text();
            if (text.equals("silent")) {
                return null;
            }
            if (text.equals("boom")) {
                throw new RuntimeException("boom");
            }
            if (text.equals("hold")) {
                holding.countDown();
                awaitReleaseHold();
            }
            return ("ok: " + text).getBytes(UTF_8);
        }

        private void awaitReleaseHold() {
            try {
                if (!releaseHold.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    misuses.add("hold never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public boolean isDeliveryTransacted(Method method) {
            return false;
        }

        @Override
        public String getActivationName() {
            return "test";
        }

        @Override
        public Class<?> getEndpointClass() {
            return TcpMessageListener.class;
        }
    }
}
