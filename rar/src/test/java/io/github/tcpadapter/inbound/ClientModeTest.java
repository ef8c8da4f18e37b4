package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.testing.LogCapture;
import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TlsEchoPeer;
import io.netty.util.concurrent.GlobalEventExecutor;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.stream.IntStream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client-mode listener ({@code connectTo}) against device-style servers on 127.0.0.1: it connects out, keeps the
 * link up across the device's restarts and fails over, and serves the link exactly like an accepted connection.
 */
class ClientModeTest extends ListenerTestSupport {

    /** The middlebox of the heartbeat tests drops a link that carried nothing for this long. */
    private static final int MIDDLEBOX_IDLE_MILLIS = 1_000;

    @TempDir
    static Path dir;

    private final List<ServerSocket> devices = new ArrayList<>();
    private int devicePort;

    @BeforeEach
    void pickDevicePort() throws IOException {
        devicePort = freePort();
    }

    @AfterEach
    void closeDevices() throws IOException {
        for (ServerSocket device : devices) {
            device.close();
        }
    }

    @Test
    void theLinkComesBackWhenTheDeviceRestartsAndFramesAfterTheRestartAreDelivered() throws Exception {
        ServerSocket device = device(devicePort);
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + devicePort));
        Socket first = accept(device);
        assertAnswered(first, "before");
        TcpSession firstSession = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        first.close();
        device.close(); // the device restarts: down for a while, then on the same port again
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isSameAs(firstSession);
        Socket second = accept(device(devicePort));
        assertAnswered(second, "after");

        TcpSession secondSession = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(secondSession).isNotNull().isNotSameAs(firstSession);
        assertThat(endpoints.events).containsExactly("connect " + firstSession.id(),
                "message " + firstSession.id() + " before", "disconnect " + firstSession.id(),
                "connect " + secondSession.id(), "message " + secondSession.id() + " after");
        assertThat(listener.link().connects()).isEqualTo(2);
        assertThat(listener.isListening()).as("connected: ready").isTrue();
    }

    @Test
    void aDeviceThatSpeaksFirstReachesTheBean() throws Exception {
        ServerSocket device = device(devicePort);
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + devicePort));
        Socket link = accept(device);
        send(link, "hello from the device\n");
        TcpMessage greeting = endpoints.messages.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(greeting).isNotNull();
        assertThat(greeting.text()).isEqualTo("hello from the device");
        assertThat(readLine(link)).isEqualTo("ok: hello from the device");
    }

    @Test
    void repliesGoBackOnTheLinkInOrder() throws Exception {
        ServerSocket device = device(devicePort);
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + devicePort));
        Socket link = accept(device);
        send(link, String.join("", IntStream.range(0, 50).mapToObj(i -> "f" + i + "\n").toList()));
        for (int i = 0; i < 50; i++) {
            assertThat(readLine(link)).isEqualTo("ok: f" + i);
        }
    }

    @Test
    void failsOverToTheSecondPeerWhenTheFirstRefuses() throws Exception {
        int refusing = freePort();
        ServerSocket device = device(devicePort);
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + refusing + ", " + LOCALHOST + ":" + devicePort));
        assertAnswered(accept(device), "second");
        awaitTrue("connected", listener::isListening);
        assertThat(listener.link().describe()).isEqualTo("connected to " + LOCALHOST + ":" + devicePort);
        assertThat(listener.link().failures()).isPositive();
        ListenerManagement management = ListenerManagement.register(listener, "failover");
        try {
            assertThat(management.getLinkState()).startsWith("connected to");
            assertThat(management.getLinkConnects()).isEqualTo(1);
        } finally {
            management.unregister();
        }
    }

    @Test
    void aFloodingDeviceIsPausedWhileTheBeanIsSlowAndLosesNothing() throws Exception {
        ServerSocket device = device(devicePort);
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + devicePort);
            spec.setMaxPendingFrames(2);
        });
        Socket link = accept(device);
        int frames = 500;
        send(link, "slow\n" + String.join("", IntStream.range(0, frames).mapToObj(i -> "f" + i + "\n").toList()));
        awaitTrue("reading paused", () -> listener.pausedConnections() == 1);
        assertThat(listener.pendingFrames()).isLessThanOrEqualTo(2 + MAX_FRAME_LENGTH); // no more than one read's

        endpoints.releaseSlow.countDown();
        assertThat(readLine(link)).isEqualTo("ok: slow");
        for (int i = 0; i < frames; i++) {
            assertThat(readLine(link)).isEqualTo("ok: f" + i);
        }
        assertThat(endpoints.texts()).hasSize(frames + 1);
    }

    @Test
    void beansPushToTheLinkThroughTheSessionsOfTheListenersPort() throws Exception {
        ServerSocket device = device(devicePort);
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + devicePort));
        Socket link = accept(device);
        awaitTrue("the link is a session", () -> registry.openSessions(port).size() == 1);
        TcpSession session = registry.openSessions(port).iterator().next();
        assertThat(session.id()).startsWith(port + "-");
        assertThat(session.remoteAddress().getPort()).isEqualTo(devicePort);
        session.send("pushed");
        assertThat(readLine(link)).isEqualTo("pushed");
    }

    @Test
    void deactivationWhileBackingOffReturnsWithinItsBoundAndStopsReconnecting() throws Exception {
        int refusing = freePort();
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + refusing);
            spec.setShutdownTimeoutMillis(2_000);
        });
        awaitTrue("backing off", () -> listener.link().describe().startsWith("backing off until"));
        assertThat(listener.isListening()).as("not connected: not ready").isFalse();
        long start = System.nanoTime();
        stopListener();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
        assertThat(listener.link().describe()).isEqualTo("stopped");
        assertThat(workManager.awaitAllDone()).as("no thread left behind").isTrue();
        long failures = listener.link().failures();
        ServerSocket late = device(refusing);
        late.setSoTimeout(3 * (int) ClientLink.FIRST_BACKOFF_MILLIS);
        assertThatThrownBy(late::accept).as("no reconnection after the stop").isInstanceOf(IOException.class);
        assertThat(listener.link().failures()).isEqualTo(failures);
    }

    @Test
    void stoppingAConnectedLinkClosesItDeliversOnDisconnectAndNeverReconnects() throws Exception {
        ServerSocket device = device(devicePort);
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + devicePort));
        Socket link = accept(device);
        assertAnswered(link, "before the stop");
        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);

        stopListener();
        assertClosedByServer(link);
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isSameAs(session);
        assertThat(listener.link().describe()).isEqualTo("stopped");
        device.setSoTimeout(3 * (int) ClientLink.FIRST_BACKOFF_MILLIS);
        assertThatThrownBy(() -> accept(device)).as("no reconnection after the stop").isInstanceOf(IOException.class);
        assertThat(listener.link().connects()).isEqualTo(1);
    }

    @Test
    void noWaitIsLongerThanReconnectMaxMillisEvenBelowTheFirstBackoff() throws Exception {
        long max = ClientLink.FIRST_BACKOFF_MILLIS / 5;
        int refusing = freePort();
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + refusing);
            spec.setReconnectMaxMillis((int) max);
        });
        awaitTrue("backing off", () -> listener.link().describe().startsWith("backing off until "));
        String state = listener.link().describe();
        Instant until = Instant.parse(state.substring("backing off until ".length(), state.indexOf(": ")));
        // the wait was set before this read: the time left is at most the wait itself
        assertThat(Duration.between(Instant.now(), until).toMillis()).as(state).isLessThanOrEqualTo(max);
    }

    @Test
    void stoppingStartsNoThreadOutsideTheWorkManager() throws Exception {
        ServerSocket device = device(devicePort);
        // a global executor's thread that an earlier test started ends after a second without work
        awaitTrue("Netty's global executor idle", () -> !globalExecutorRunning());
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + devicePort));
        assertAnswered(accept(device), "hello");

        stopListener();
        // the event loop's work has returned, so whatever its end handed to Netty's global executor has started
        assertThat(globalExecutorRunning()).as("a thread of Netty's global executor after the stop").isFalse();
    }

    private static boolean globalExecutorRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(GlobalEventExecutor.INSTANCE::inEventLoop);
    }

    @Test
    void aPeerThatRefuses50TimesIsLoggedOnceAndItsConnectionOnce() throws Exception {
        LogCapture log = captureLog(ClientLink.class);
        int refusing = freePort();
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + refusing);
            spec.setReconnectMaxMillis(1);
        });
        awaitTrue("50 refusals", () -> listener.link().failures() >= 50);
        Socket link = accept(device(refusing));
        assertAnswered(link, "at last");
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("cannot connect to " + LOCALHOST + ":" + refusing).contains("backoff up to 1 ms");
        assertThat(log.lines(Level.INFO)).singleElement().asString()
                .contains("connected to " + LOCALHOST + ":" + refusing).contains("failed attempts");
    }

    @Test
    void overTlsTheDevicesCertificateIsCheckedAndTheLinkIsServedOnceTheHandshakeSucceeded() throws Exception {
        TestCertificates.Identity authority = TestCertificates.authority("Device CA");
        Path deviceKeys = authority.issue("device", LOCALHOST).writeKeyStore(dir.resolve("device.p12"), "device",
                "PKCS12");
        Path trust = TestCertificates.writeTrustStore(dir.resolve("devices.p12"), "PKCS12", authority.certificate());
        ServerSocket device = tlsDevice(deviceKeys);
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + devicePort);
            spec.setSsl(true); // no key store of its own: the listener is the TLS client
            spec.setTrustStore(trust.toString());
            spec.setTrustStorePassword(TestCertificates.PASSWORD);
        });
        SSLSocket link = (SSLSocket) accept(device);
        assertAnswered(link, "over tls");
        assertThat(link.getSession().getProtocol()).startsWith("TLS");
        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(session).isNotNull();
        assertThat(listener.link().describe()).isEqualTo("connected to " + LOCALHOST + ":" + devicePort);
    }

    @Test
    void aDeviceWhoseCertificateNamesAnotherHostIsNeverServedAndItsRefusalsAreLoggedOnce() throws Exception {
        LogCapture log = captureLog(ClientLink.class);
        LogCapture listenerLog = captureLog(InboundListener.class);
        TestCertificates.Identity authority = TestCertificates.authority("Device CA");
        Path impostorKeys = authority.issue("impostor", "elsewhere.example").writeKeyStore(
                dir.resolve("impostor.p12"), "impostor", "PKCS12");
        Path trust = TestCertificates.writeTrustStore(dir.resolve("trusted.p12"), "PKCS12", authority.certificate());
        ServerSocket device = tlsDevice(impostorKeys);
        AtomicInteger handshakes = new AtomicInteger();
        Thread impostor = new Thread(() -> {
            while (!device.isClosed()) {
                try (SSLSocket client = (SSLSocket) device.accept()) {
                    handshakes.incrementAndGet();
                    client.startHandshake();
                } catch (IOException refused) {
                    // the listener refuses the certificate: what is tested; the next attempt comes
                }
            }
        }, "impostor-device");
        impostor.setDaemon(true);
        impostor.start();
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + devicePort);
            spec.setSsl(true);
            spec.setTrustStore(trust.toString());
            spec.setTrustStorePassword(TestCertificates.PASSWORD);
            spec.setReconnectMaxMillis(1);
        });
        awaitTrue("3 refused handshakes", () -> listener.link().failures() >= 3);
        device.close();
        impostor.join(TIMEOUT_MILLIS);
        assertThat(handshakes.get()).isGreaterThanOrEqualTo(3);
        assertThat(endpoints.connected).as("never served").isEmpty();
        assertThat(listener.link().connects()).isZero();
        assertThat(listener.isListening()).isFalse();
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("cannot connect to " + LOCALHOST + ":" + devicePort + ": TLS handshake failed")
                .contains("No subject alternative names matching IP address " + LOCALHOST);
        stopListener(); // flushes the listener's summaries
        assertThat(listenerLog.lines(Level.WARNING)).as("the same refusals again, as closed connections").isEmpty();
    }

    @Test
    void aQuietLinkWithoutHeartbeatsIsDroppedByAMiddleboxThatKillsSilentConnections() throws Exception {
        startListener(spec -> spec.setConnectTo(LOCALHOST + ":" + devicePort));
        Socket link = accept(device(devicePort));
        link.setSoTimeout(MIDDLEBOX_IDLE_MILLIS);
        assertThatThrownBy(() -> readLine(link)).as("the middlebox's idle timer runs out")
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(listener.heartbeats().heartbeatsSent()).isZero();
    }

    @Test
    void heartbeatsKeepAQuietLinkThroughTheMiddleboxAndNeedNoAnswerUnlessAsked() throws Exception {
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + devicePort);
            spec.setHeartbeatIntervalMillis(MIDDLEBOX_IDLE_MILLIS / 10);
            spec.setHeartbeatFrame("ping");
        });
        Socket link = accept(device(devicePort));
        link.setSoTimeout(MIDDLEBOX_IDLE_MILLIS); // the middlebox: a link silent for that long is dropped
        for (int i = 0; i < 5; i++) {
            assertThat(readLine(link)).isEqualTo("ping");
        }
        send(link, "still here\n");
        assertRepliedBetweenHeartbeats(link, "ok: still here"); // the link served frames all along
        assertThat(listener.heartbeats().heartbeatsSent()).isGreaterThanOrEqualTo(5);
        assertThat(listener.heartbeats().heartbeatsMissed()).isZero();
        assertThat(listener.link().connects()).isEqualTo(1);
        assertThat(endpoints.texts()).containsExactly("still here");
    }

    @Test
    void anAnsweredHeartbeatKeepsTheLinkAndTheAnswerReachesTheBean() throws Exception {
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + devicePort);
            spec.setHeartbeatIntervalMillis(100);
            spec.setHeartbeatFrame("0x3038303000"); // hex: "0800" and a NUL, as a binary protocol writes it
            spec.setHeartbeatReplyTimeoutMillis(TIMEOUT_MILLIS);
        });
        Socket link = accept(device(devicePort));
        int answers = 0;
        int replies = 0;
        for (int lines = 0; lines < 20 && replies < 3; lines++) {
            String line = readLine(link);
            if (line.equals("0800\0") && answers < 3) {
                answers++;
                send(link, "0810\n");
            } else if (line.equals("ok: 0810")) {
                replies++; // the bean saw the answer
            }
        }
        assertThat(replies).isEqualTo(3);
        assertThat(listener.heartbeats().heartbeatsMissed()).isZero();
        assertThat(listener.link().connects()).isEqualTo(1);
    }

    @Test
    void aHeartbeatLeftUnansweredRecyclesTheLinkSayingWhy() throws Exception {
        LogCapture log = captureLog(ClientLink.class);
        ServerSocket device = device(devicePort);
        startListener(spec -> {
            spec.setConnectTo(LOCALHOST + ":" + devicePort);
            spec.setHeartbeatIntervalMillis(100);
            spec.setHeartbeatFrame("ping");
            spec.setHeartbeatReplyTimeoutMillis(200);
        });
        Socket first = accept(device); // reads, never answers: a peer that hangs
        assertThat(readLine(first)).isEqualTo("ping");
        Socket second = accept(device);
        assertThatThrownBy(() -> readLine(first)).as("the first link was closed").hasMessageContaining("closed");
        send(second, "after the recycle\n");
        assertRepliedBetweenHeartbeats(second, "ok: after the recycle");
        assertThat(listener.heartbeats().heartbeatsMissed()).isPositive();
        assertThat(log.lines(Level.WARNING)).first().asString()
                .contains("lost the link to " + LOCALHOST + ":" + devicePort)
                .contains("no answer to the heartbeat within 200 ms (heartbeatReplyTimeoutMillis)");
    }

    @Test
    void heartbeatPropertiesNeedEachOtherAndAConnectTo() {
        assertThatThrownBy(() -> settings(spec -> {
            spec.setConnectTo("device:7000");
            spec.setHeartbeatIntervalMillis(1000);
        })).hasMessageContaining("heartbeatFrame").hasMessageContaining("is required with heartbeatIntervalMillis");
        assertThatThrownBy(() -> settings(spec -> {
            spec.setConnectTo("device:7000");
            spec.setHeartbeatFrame("ping");
        })).hasMessageContaining("heartbeatIntervalMillis").hasMessageContaining("must be above 0");
        assertThatThrownBy(() -> settings(spec -> {
            spec.setHeartbeatIntervalMillis(1000);
            spec.setHeartbeatFrame("ping");
        })).hasMessageContaining("heartbeatIntervalMillis").hasMessageContaining("client-mode listener only");
        assertThatThrownBy(() -> settings(spec -> {
            spec.setConnectTo("device:7000");
            spec.setHeartbeatIntervalMillis(1000);
            spec.setHeartbeatFrame("0xZZ");
        })).hasMessageContaining("heartbeatFrame");
    }

    @Test
    void propertiesOfAcceptingAreRefusedWithConnectToNamingBoth() {
        assertThatThrownBy(() -> settings(spec -> {
            spec.setConnectTo("device:7000");
            spec.setSsl(true);
            spec.setClientAuth("NEED");
        })).isInstanceOf(InvalidPropertyException.class).hasMessageContaining("clientAuth")
                .hasMessageContaining("connectTo");
        assertThatThrownBy(() -> settings(spec -> {
            spec.setConnectTo("device:7000");
            spec.setAllowedClients("10.0.0.0/8");
        })).isInstanceOf(InvalidPropertyException.class).hasMessageContaining("allowedClients")
                .hasMessageContaining("connectTo");
        assertThatThrownBy(() -> settings(spec -> spec.setConnectTo("device"))).hasMessageContaining("connectTo")
                .hasMessageContaining("'device' names no port");
        assertThatThrownBy(() -> settings(spec -> {
            spec.setConnectTo("device:7000");
            spec.setReconnectMaxMillis(0);
        })).hasMessageContaining("reconnectMaxMillis");
    }

    @Test
    void aHostListParsesLikeTheFactorysWithIpv6InBrackets() throws Exception {
        ClientMode mode = settings(spec -> spec.setConnectTo("a:7000, [::1]:7001")).clientMode();
        assertThat(mode.peers()).extracting(InetSocketAddress::getHostString).containsExactly("a", "::1");
        assertThat(mode.peerList()).isEqualTo("a:7000,[::1]:7001");
        assertThat(settings(spec -> { }).clientMode()).isNull();
    }

    private ServerSocket device(int port) throws IOException {
        ServerSocket device = new ServerSocket();
        devices.add(device);
        device.setReuseAddress(true);
        device.bind(new InetSocketAddress(LOCALHOST, port));
        device.setSoTimeout(TIMEOUT_MILLIS);
        return device;
    }

    /** Reads lines until the reply, passing over the heartbeats (or anything else) the link sends meanwhile. */
    private static void assertRepliedBetweenHeartbeats(Socket link, String reply) throws IOException {
        List<String> read = new ArrayList<>();
        for (int lines = 0; lines < 20; lines++) {
            String line = readLine(link);
            if (line.equals(reply)) {
                return;
            }
            read.add(line);
        }
        throw new AssertionError("no '" + reply + "' among the lines read: " + read);
    }

    private ServerSocket tlsDevice(Path keyStore) throws IOException {
        ServerSocket device = TlsEchoPeer.context(keyStore, null).getServerSocketFactory().createServerSocket();
        devices.add(device);
        device.setReuseAddress(true);
        device.bind(new InetSocketAddress(LOCALHOST, devicePort));
        device.setSoTimeout(TIMEOUT_MILLIS);
        return device;
    }

    private Socket accept(ServerSocket device) throws IOException {
        Socket socket = device.accept();
        clients.add(socket);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            return socket.getLocalPort();
        }
    }
}
