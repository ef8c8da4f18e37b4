package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TestCertificates.Identity;
import io.github.tcpadapter.tls.TlsEchoPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client-mode listeners in the server: message-driven beans whose activation has {@code connectTo} connect out to a
 * device that is a server ({@link DevicePeer}) and serve the link as an accepted connection. The device sees what
 * the bean does ({@code LinkProbeListener}): its replies, its pushes, and the {@code onConnect}/{@code onDisconnect}
 * calls it recorded. The certificates of the TLS device are made when the test class loads, under {@code target/},
 * before the EAR naming them is built.
 */
@ExtendWith(ArquillianExtension.class)
class ClientModeIT {

    private static final int LINK_PORT = FreePort.next();
    private static final int GREETED_PORT = FreePort.next();
    private static final int TLS_PORT = FreePort.next();
    private static final int MISNAMED_TLS_PORT = FreePort.next();
    private static final int CORRELATED_PORT = FreePort.next();
    private static final int HEARTBEAT_PORT = FreePort.next();
    private static final String LINKED_FACTORY = "java:app/tcp/CorrelatedLink";
    // the simulated middlebox drops a connection that carried nothing for this long
    private static final int MIDDLEBOX_IDLE_MILLIS = 2_000;
    private static final String GREETING = "hello from the device";
    // a lost link is tried again within a second, so a restart is quickly over
    private static final int RECONNECT_MAX_MILLIS = 1_000;
    private static final long WAIT_SECONDS = 15;
    private static final Path STORES = Path.of(System.getProperty("ear.file")).resolveSibling("client-mode-it");
    private static final Identity AUTHORITY = TestCertificates.authority("Client mode IT CA");
    private static final Path DEVICE_KEYS;
    private static final Path MISNAMED_DEVICE_KEYS;
    private static final Path TRUST;

    static {
        try {
            Files.createDirectories(STORES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DEVICE_KEYS = AUTHORITY.issue("tls-device", "localhost", "127.0.0.1")
                .writeKeyStore(STORES.resolve("device.p12"), "device", "PKCS12");
        MISNAMED_DEVICE_KEYS = AUTHORITY.issue("misnamed-device", "elsewhere.example")
                .writeKeyStore(STORES.resolve("misnamed-device.p12"), "device", "PKCS12");
        TRUST = TestCertificates.writeTrustStore(STORES.resolve("devices-ca.jks"), "JKS", AUTHORITY.certificate());
    }

    @RegisterExtension
    static final DevicePeer device = new DevicePeer(null);

    @RegisterExtension
    static final DevicePeer greeter = new DevicePeer(GREETING);

    @RegisterExtension
    static final DevicePeer tlsDevice = new DevicePeer(null, TlsEchoPeer.context(DEVICE_KEYS, null));

    @RegisterExtension
    static final DevicePeer misnamedTlsDevice = new DevicePeer(null, TlsEchoPeer.context(MISNAMED_DEVICE_KEYS, null));

    @RegisterExtension
    static final DevicePeer correlatedDevice = new DevicePeer(null);

    @RegisterExtension
    static final DevicePeer quietDevice = new DevicePeer(null);

    // the device's link that is open now; a test that restarts the device takes the next one
    private static LineClient link;
    private static LineClient correlatedLink;

    private final MBeanServerConnection mbeans = TestServer.current().mbeans();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        device.start();
        greeter.start();
        tlsDevice.start();
        misnamedTlsDevice.start();
        correlatedDevice.start();
        quietDevice.start();
        return Probes.linkEar(SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next())
                .activation("LinkProbeListener", "port", LINK_PORT)
                .activation("LinkProbeListener", "connectTo", "127.0.0.1:" + device.port())
                .activation("LinkProbeListener", "reconnectMaxMillis", RECONNECT_MAX_MILLIS)
                .activation("GreetedLinkProbeListener", "port", GREETED_PORT)
                .activation("GreetedLinkProbeListener", "connectTo", "127.0.0.1:" + greeter.port())
                .activation("TlsLinkProbeListener", "port", TLS_PORT)
                .activation("TlsLinkProbeListener", "connectTo", "127.0.0.1:" + tlsDevice.port())
                .activation("TlsLinkProbeListener", "ssl", true)
                .activation("TlsLinkProbeListener", "trustStore", TRUST)
                .activation("TlsLinkProbeListener", "trustStorePassword", TestCertificates.PASSWORD)
                .activation("MisnamedTlsLinkProbeListener", "port", MISNAMED_TLS_PORT)
                .activation("MisnamedTlsLinkProbeListener", "connectTo", "127.0.0.1:" + misnamedTlsDevice.port())
                .activation("MisnamedTlsLinkProbeListener", "ssl", true)
                .activation("MisnamedTlsLinkProbeListener", "trustStore", TRUST)
                .activation("MisnamedTlsLinkProbeListener", "trustStorePassword", TestCertificates.PASSWORD)
                .activation("CorrelatedLinkProbeListener", "port", CORRELATED_PORT)
                .activation("CorrelatedLinkProbeListener", "connectTo", "127.0.0.1:" + correlatedDevice.port())
                .activation("CorrelatedLinkProbeListener", "correlation", "REGEX")
                .activation("CorrelatedLinkProbeListener", "correlationPattern", "^(k\\d+) ")
                .connectionFactory("CorrelatedLinkProbeListener", LINKED_FACTORY,
                        Map.of("listenerLinks", CORRELATED_PORT))
                .activation("HeartbeatLinkProbeListener", "port", HEARTBEAT_PORT)
                .activation("HeartbeatLinkProbeListener", "connectTo", "127.0.0.1:" + quietDevice.port())
                .activation("HeartbeatLinkProbeListener", "heartbeatIntervalMillis", MIDDLEBOX_IDLE_MILLIS / 10)
                .activation("HeartbeatLinkProbeListener", "heartbeatFrame", "ping"));
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void theLinkComesBackWhenTheDeviceRestartsAndOnConnectAndOnDisconnectArePaired() throws Exception {
        assertThat(link().request("before the restart")).isEqualTo("done: before the restart");
        String first = session(link());

        restartDevice();
        assertThat(link().request("after the restart")).isEqualTo("done: after the restart");
        String second = session(link());
        assertThat(second).isNotEqualTo(first);

        // the first link's onDisconnect is delivered apart from the second link's frames: asked until it is there
        List<String> events = events(seen -> seen.contains("disconnect " + first));
        assertThat(events.stream().filter(event -> event.endsWith(" " + first)))
                .containsExactly("connect " + first, "disconnect " + first);
        assertThat(events.stream().filter(event -> event.endsWith(" " + second))).containsExactly("connect " + second);
    }

    @Test
    void aDeviceThatSpeaksFirstIsAnsweredWithoutBeingSpokenTo() throws Exception {
        LineClient greeted = greeter.nextLink(WAIT_SECONDS);
        // the device said its greeting as it accepted, and waits: only the bean's answer can come
        assertThat(greeted.readLine()).isEqualTo("done: " + GREETING);
        assertThat(greeted.request("and then")).isEqualTo("done: and then");
    }

    @Test
    void beansPushToTheLinkThroughTheSessionsOfItsListenersPort() throws Exception {
        link().send("push " + LINK_PORT + " pushed to the device");
        assertThat(link().readLine()).isEqualTo("pushed to the device");
        assertThat(link().readLine()).isEqualTo("pushed to 1");
    }

    @Test
    void theListenersMBeanShowsTheLinkAndListeningWhileItIsConnected() throws Exception {
        assertThat(link().request("connected")).isEqualTo("done: connected");
        ObjectName listener = listenerMBean(LINK_PORT);
        String connected = "connected to 127.0.0.1:" + device.port();
        assertThat(mbeans.getAttribute(listener, "LinkState")).isEqualTo(connected);
        assertThat(mbeans.getAttribute(listener, "Listening")).isEqualTo(true);
        long connects = (Long) mbeans.getAttribute(listener, "LinkConnects");

        device.stop();
        link = null;
        awaitAttribute(listener, "Listening", false);
        assertThat((String) mbeans.getAttribute(listener, "LinkState"))
                .matches("(connecting to 127\\.0\\.0\\.1:" + device.port() + "|backing off until .*)");

        device.start();
        link = device.nextLink(WAIT_SECONDS);
        assertThat(link.request("connected again")).isEqualTo("done: connected again");
        awaitAttribute(listener, "Listening", true);
        assertThat(mbeans.getAttribute(listener, "LinkState")).isEqualTo(connected);
        assertThat(mbeans.getAttribute(listener, "LinkConnects")).isEqualTo(connects + 1);
    }

    @Test
    void overTlsTheDevicesCertificateIsCheckedAndTheLinkIsServed() throws Exception {
        // the device's certificate names 127.0.0.1, as connectTo does, and comes from the trusted authority
        assertThat(tlsDevice.nextLink(WAIT_SECONDS).request("over TLS")).isEqualTo("done: over TLS");
        ObjectName listener = listenerMBean(TLS_PORT);
        assertThat(mbeans.getAttribute(listener, "LinkState")).isEqualTo("connected to 127.0.0.1:" + tlsDevice.port());
        assertThat(mbeans.getAttribute(listener, "Listening")).isEqualTo(true);
    }

    @Test
    void overTlsADeviceWhoseCertificateNamesAnotherHostIsNeverServed() throws Exception {
        ObjectName listener = listenerMBean(MISNAMED_TLS_PORT);
        awaitAttribute(listener, "LinkFailures", failures -> (Long) failures > 0);
        assertThat((String) mbeans.getAttribute(listener, "LinkState"))
                .matches("(connecting to|backing off until .*TLS handshake failed).*");
        assertThat(mbeans.getAttribute(listener, "Listening")).isEqualTo(false);
        assertThat(mbeans.getAttribute(listener, "LinkConnects")).isEqualTo(0L);
    }

    @Test
    void aBeanAsksTheDeviceOverItsLinkAndTheDevicesOwnFramesStillReachTheBean() throws Exception {
        LineClient device = correlatedLink();
        ObjectName listener = listenerMBean(CORRELATED_PORT);
        long replied = (Long) mbeans.getAttribute(listener, "AsyncReplies"); // the link serves another test too
        device.send("ask k7 status?");
        assertThat(device.readLine()).as("the bean's request, on the link").isEqualTo("k7 status?");
        device.send("alarm door open"); // the device's own frame, while the request waits
        device.send("k7 ready");

        // the reply completed the bean's stage; the alarm went to the bean after it, as any frame
        assertThat(device.readLine()).isEqualTo("answered: k7 ready");
        assertThat(device.readLine()).isEqualTo("done: alarm door open");
        assertThat(mbeans.getAttribute(listener, "Correlation")).isEqualTo("REGEX");
        assertThat(mbeans.getAttribute(listener, "AsyncReplies")).isEqualTo(replied + 1);
        assertThat(mbeans.getAttribute(listener, "AsyncRequestsInFlight")).isEqualTo(0);
    }

    @Test
    void aFactoryWithListenerLinksSendsOverTheLinkAndItsPeersOwnFramesReachTheListenersBean() throws Exception {
        LineClient device = correlatedLink();
        device.send("via " + LINKED_FACTORY + " k8 balance?");
        assertThat(device.readLine()).as("the factory's request, on the listener's link").isEqualTo("k8 balance?");
        device.send("notice unasked");
        device.send("k8 balance 42");

        assertThat(device.readLine()).isEqualTo("answered: k8 balance 42");
        assertThat(device.readLine()).isEqualTo("done: notice unasked");
    }

    @Test
    void heartbeatsKeepAQuietLinkThroughAMiddleboxThatDropsSilentConnections() throws Exception {
        LineClient device = quietDevice.nextLink(WAIT_SECONDS);
        device.readWithin(MIDDLEBOX_IDLE_MILLIS); // a read that waits longer is the middlebox dropping the link
        for (int i = 0; i < 5; i++) {
            assertThat(device.readLine()).isEqualTo("ping");
        }
        ObjectName listener = listenerMBean(HEARTBEAT_PORT);
        assertThat((Long) mbeans.getAttribute(listener, "HeartbeatsSent")).isGreaterThanOrEqualTo(5L);
        assertThat(mbeans.getAttribute(listener, "HeartbeatsMissed")).isEqualTo(0L);
        assertThat(mbeans.getAttribute(listener, "LinkConnects")).isEqualTo(1L);
    }

    // the correlated device's one link, which two tests use in turn
    private static synchronized LineClient correlatedLink() throws InterruptedException {
        if (correlatedLink == null) {
            correlatedLink = correlatedDevice.nextLink(WAIT_SECONDS);
        }
        return correlatedLink;
    }

    private static LineClient link() throws InterruptedException {
        if (link == null) {
            link = device.nextLink(WAIT_SECONDS);
        }
        return link;
    }

    private static void restartDevice() throws Exception {
        device.stop();
        link = null; // closed: a test after one that found no new link waits for its own
        device.start();
        link = device.nextLink(WAIT_SECONDS);
    }

    private static String session(LineClient on) throws Exception {
        String reply = on.request("session");
        assertThat(reply).startsWith("session ");
        return reply.substring("session ".length());
    }

    /** @return the bean's onConnect/onDisconnect calls, asked on the link until they satisfy the condition */
    private static List<String> events(Predicate<List<String>> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
        while (true) {
            String reply = link().request("events");
            assertThat(reply).startsWith("events ");
            List<String> events = Arrays.asList(reply.substring("events ".length()).split(","));
            if (until.test(events) || System.nanoTime() > deadline) {
                return events;
            }
            Thread.sleep(50); // a poll, not a storm of requests
        }
    }

    private ObjectName listenerMBean(int port) throws Exception {
        Set<ObjectName> names = mbeans.queryNames(
                new ObjectName("io.github.tcpadapter:type=Listener,port=" + port + ",*"), null);
        assertThat(names).hasSize(1);
        return names.iterator().next();
    }

    /** Waits, at most {@link #WAIT_SECONDS}, for the link's state to show in the attribute; fails if it does not. */
    private void awaitAttribute(ObjectName listener, String attribute, Object expected) throws Exception {
        awaitAttribute(listener, attribute, expected::equals);
    }

    private void awaitAttribute(ObjectName listener, String attribute, Predicate<Object> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS).toNanos();
        for (Object value = mbeans.getAttribute(listener, attribute); !expected.test(value);
                value = mbeans.getAttribute(listener, attribute)) {
            assertThat(System.nanoTime()).as("%s of %s still %s after %d s", attribute, listener, value,
                    WAIT_SECONDS).isLessThan(deadline);
            Thread.sleep(50); // a poll of a state that changes on the listener's own time, not a storm of calls
        }
    }
}
