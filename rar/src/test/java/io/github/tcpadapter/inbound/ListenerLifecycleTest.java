package io.github.tcpadapter.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Sessions, connect and disconnect callbacks, and stopping. */
class ListenerLifecycleTest extends ListenerTestSupport {

    @Test
    void connectAndDisconnectSurroundTheFramesOfTheirConnection() throws Exception {
        startListener();
        Socket first = client();
        Socket second = client();
        send(first, "a\nb\n");
        send(second, "c\n");
        assertThat(readLine(first)).isEqualTo("ok: a");
        assertThat(readLine(first)).isEqualTo("ok: b");
        assertThat(readLine(second)).isEqualTo("ok: c");

        first.close();
        second.close();
        TcpSession one = endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        TcpSession other = endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        assertThat(one).isNotNull();
        assertThat(other).isNotNull();
        String firstId = one.remoteAddress().getPort() == first.getLocalPort() ? one.id() : other.id();
        String secondId = firstId.equals(one.id()) ? other.id() : one.id();
        assertThat(endpoints.eventsOf(firstId)).containsExactly("connect", "message a", "message b", "disconnect");
        assertThat(endpoints.eventsOf(secondId)).containsExactly("connect", "message c", "disconnect");
        assertThat(one.isOpen()).isFalse();
    }

    @Test
    void sessionDescribesItsConnection() throws Exception {
        Instant before = Instant.now();
        startListener();
        Socket client = client();

        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        assertThat(session).isNotNull();
        assertThat(session.id()).startsWith(port + "-");
        assertThat(session.remoteAddress().getPort()).isEqualTo(client.getLocalPort());
        assertThat(session.localAddress().getPort()).isEqualTo(port);
        assertThat(session.openedAt()).isBetween(before, Instant.now());
        assertThat(session.isOpen()).isTrue();
        assertThat(session.toString()).contains(session.id(), String.valueOf(client.getLocalPort()));
    }

    @Test
    void aPortOffsetMovesTheSocketWhileSessionsKeepTheListenersPort() throws Exception {
        int listenerPort = port - 1000;
        startListener(settings(spec -> spec.setPort(listenerPort)), 1000);
        Socket client = client(); // on port, that is listenerPort + 1000

        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        assertThat(session).isNotNull();
        assertThat(session.id()).startsWith(listenerPort + "-");
        assertThat(registry.openSessions(listenerPort)).containsExactly(session);
        assertAnswered(client, "hi");
    }

    @Test
    void aPortOffsetBeyondTheLastPortFailsTheStartNamingTheProperty() throws Exception {
        listener = new InboundListener(settings(spec -> spec.setPort(65_000)), endpoints, workManager, registry, 1000);

        assertThatThrownBy(listener::start).isInstanceOf(ResourceException.class)
                .hasMessageContaining("65000").hasMessageContaining("io.github.tcpadapter.portOffset")
                .hasMessageContaining("66000");
        assertThat(registry.taps(65_000)).isNull();
    }

    @Test
    void aBeanPushesFramesThroughTheRegistryFromAnyThread() throws Exception {
        startListener();
        Socket client = client();
        assertAnswered(client, "hi");
        TcpMessage message = endpoints.messages.poll();

        TcpSession session = registry.find(message.sessionId()).orElseThrow();
        session.send("pushed");
        session.send("bytes".getBytes(UTF_8));

        assertThat(readLine(client)).isEqualTo("pushed");
        assertThat(readLine(client)).isEqualTo("bytes");
        assertThat(registry.openSessions(port)).containsExactly(session);
        assertThat(registry.openSessions(port + 1)).isEmpty();
    }

    @Test
    void aPayloadThatCannotBeFramedIsRefusedAndTheSessionStaysUsable() throws Exception {
        startListener();
        Socket client = client();
        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        assertThatThrownBy(() -> session.send("x".repeat(MAX_FRAME_LENGTH + 1)))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining(session.id())
                .hasCauseInstanceOf(java.io.IOException.class);

        session.send("fine");
        assertThat(readLine(client)).isEqualTo("fine");
    }

    @Test
    void closingASessionDisconnectsTheClientAndRemovesIt() throws Exception {
        startListener();
        Socket client = client();
        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        session.send("last words");

        session.close();

        assertThat(readLine(client)).as("what was sent before close").isEqualTo("last words");
        assertClosedByServer(client);
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isSameAs(session);
        assertThat(session.isOpen()).isFalse();
        assertThat(registry.find(session.id())).isEmpty();
        assertThatThrownBy(() -> session.send("too late"))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining(session.id()).hasMessageContaining("closed");
    }

    @Test
    void stopReleasesThePortClosesClientsAndDisconnectsThem() throws Exception {
        startListener();
        Socket first = client();
        Socket second = client();
        assertAnswered(first, "hello");
        send(second, "silent\nhi\n");
        assertThat(readLine(second)).isEqualTo("ok: hi");

        stopListener();

        assertClosedByServer(first);
        assertClosedByServer(second);
        assertThat(portIsFree()).isTrue();
        assertThat(endpoints.events).filteredOn(event -> event.startsWith("disconnect")).hasSize(2);
        assertThat(registry.openSessions(port)).isEmpty();
    }

    @Test
    void stopLetsAFrameInProgressFinishAndWritesItsReply() throws Exception {
        startListener();
        Socket client = client();
        send(client, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

        Thread stopper = new Thread(this::stopListener, "test-stopper");
        stopper.start();
        awaitTrue("stop() waiting for the frame in progress",
                () -> stopper.getState() == Thread.State.TIMED_WAITING);
        endpoints.releaseHold.countDown();

        assertThat(readLine(client)).isEqualTo("ok: hold");
        assertClosedByServer(client);
        stopper.join(TIMEOUT_MILLIS);
        assertThat(stopper.isAlive()).as("stop returned").isFalse();
    }

    @Test
    void stopGivesUpOnABeanSlowerThanTheShutdownTimeout() throws Exception {
        startListener(spec -> spec.setShutdownTimeoutMillis(50));
        Socket client = client();
        send(client, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

        long start = System.nanoTime();
        stopListener();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        endpoints.releaseHold.countDown();

        assertThat(took).isLessThan(Duration.ofMillis(TIMEOUT_MILLIS));
        assertClosedByServer(client);
        assertThat(portIsFree()).isTrue();
    }

    @Test
    void stopLeavesNoThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        startListener();
        for (int i = 0; i < 3; i++) {
            Socket client = client();
            assertAnswered(client, "busy " + i);
        }
        assertThat(listenerThreads()).as("the listener's threads while it runs").isNotEmpty();

        stopListener();

        assertThat(listenerThreads()).as("threads named after the listener").isEmpty();
        assertThat(workManager.awaitAllDone()).isTrue();
        Set<String> added = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .collect(Collectors.toSet());
        assertThat(added).as("threads started since the listener started").isEmpty();
    }

    @Test
    void stopWithoutClientsReturnsAndFreesThePort() throws Exception {
        startListener();

        stopListener();

        assertThat(portIsFree()).isTrue();
        assertThat(workManager.awaitAllDone()).isTrue();
        assertThat(endpoints.created).hasValue(0);
    }

    @Test
    void restartingLeavesNoFileDescriptorBehind() throws Exception {
        Path descriptors = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(descriptors), "needs Linux's /proc");
        startServeAndStop(); // loads the native transport and the JDK's lazily opened files
        long before = count(descriptors);

        for (int i = 0; i < 5; i++) {
            startServeAndStop();
        }

        // fewer is fine: a descriptor of earlier work may be closed meanwhile (a leak is what grows)
        assertThat(count(descriptors)).isLessThanOrEqualTo(before);
    }

    private void startServeAndStop() throws Exception {
        startListener();
        try (Socket client = client()) {
            assertAnswered(client, "ping");
        }
        stopListener();
    }

    private static long count(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
    }

    private Set<String> listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("tcp-listener-" + port + "-"))
                .collect(Collectors.toSet());
    }
}
