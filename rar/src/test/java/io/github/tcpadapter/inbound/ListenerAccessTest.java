package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.testing.LogCapture;
import io.github.tcpadapter.tls.TestCertificates.Identity;
import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TestTlsClients;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import javax.management.ObjectName;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may connect: the client allowlist, and the PROXY protocol header of trusted load balancers. Clients bind their
 * sockets to other loopback addresses (127.0.0.2, 127.0.0.3) to come from elsewhere.
 */
class ListenerAccessTest extends ListenerTestSupport {

    private static final String OTHER = "127.0.0.2";

    private LogCapture log;

    @BeforeEach
    void capture() {
        log = captureLog(InboundListener.class);
    }

    private Socket clientFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        clients.add(socket);
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(LOCALHOST, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static void sendBytes(Socket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    private TcpMessage message() throws InterruptedException {
        return endpoints.messages.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Test
    void onlyAllowedClientsAreServedAndTheOthersAreClosedUnread() throws Exception {
        startListener(spec -> spec.setAllowedClients("10.0.0.0/8, " + OTHER + ", ::1"));

        Socket stranger = clientFrom(LOCALHOST);
        send(stranger, "let me in\n");
        assertClosedOrReset(stranger);
        assertAnswered(clientFrom(OTHER), "allowed");

        assertThat(endpoints.texts()).containsExactly("allowed");
        assertThat(endpoints.connected).hasSize(1);
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("closing the connection from /127.0.0.1:").contains("not in allowedClients (10.0.0.0/8, "
                        + OTHER + ", ::1)");
    }

    @Test
    void aFloodOfRefusedClientsIsLoggedInSummary() throws Exception {
        startListener(spec -> spec.setAllowedClients(OTHER));

        for (int i = 0; i < 30; i++) {
            assertClosedOrReset(clientFrom(LOCALHOST));
        }
        assertAnswered(clientFrom(OTHER), "still serving");
        stopListener();

        List<String> warnings = log.lines(Level.WARNING);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(1)).contains("29 more connections refused by allowedClients or proxyProtocol");
    }

    private long refusedPerAddress() throws Exception {
        ObjectName name = new ObjectName("io.github.tcpadapter:type=Listener,port=" + port + ",name="
                + ObjectName.quote(EndpointName.of(endpoints)));
        return (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name,
                "RefusedForMaxConnectionsPerAddress");
    }

    @Test
    void oneAddressCannotTakeMoreThanMaxConnectionsPerAddress() throws Exception {
        startListener(spec -> spec.setMaxConnectionsPerAddress(2));
        Socket first = clientFrom(LOCALHOST);
        assertAnswered(first, "one");
        assertAnswered(clientFrom(LOCALHOST), "two");

        Socket third = clientFrom(LOCALHOST);
        send(third, "three\n");
        assertClosedOrReset(third);
        assertAnswered(clientFrom(OTHER), "another address");
        first.close();
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
        assertAnswered(clientFrom(LOCALHOST), "the slot is back");

        assertThat(endpoints.texts()).containsExactly("one", "two", "another address", "the slot is back");
        assertThat(refusedPerAddress()).isEqualTo(1);
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("refusing the connection from /127.0.0.1:")
                .contains("maxConnectionsPerAddress (2) reached for /127.0.0.1");
    }

    @Test
    void maxConnectionsPerAddressCountsTheClientABalancerNamesAndFailedOpeningsGiveTheSlotBack() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(LOCALHOST);
            spec.setMaxConnectionsPerAddress(1);
        });
        String header = "PROXY TCP4 203.0.113.7 127.0.0.1 1000 " + port + "\r\n";

        Socket first = clientFrom(LOCALHOST);
        send(first, header);
        assertAnswered(first, "first");
        Socket again = clientFrom(LOCALHOST);
        send(again, header + "again\n");
        assertClosedOrReset(again);
        Socket neighbour = clientFrom(LOCALHOST);
        send(neighbour, "PROXY TCP4 203.0.113.8 127.0.0.1 1000 " + port + "\r\n");
        assertAnswered(neighbour, "neighbour");
        first.close();
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
        Socket back = clientFrom(LOCALHOST);
        send(back, header);
        assertAnswered(back, "back");

        assertThat(endpoints.texts()).containsExactly("first", "neighbour", "back");
        assertThat(refusedPerAddress()).isEqualTo(1);
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("maxConnectionsPerAddress (1) reached for /203.0.113.7");
    }

    @Test
    void aTrustedBalancersV1HeaderGivesTheClientsAddress() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(LOCALHOST);
        });

        Socket balancer = clientFrom(LOCALHOST);
        send(balancer, "PROXY TCP4 203.0.113.7 127.0.0.1 40123 " + port + "\r\nhello\n");

        assertThat(readLine(balancer)).isEqualTo("ok: hello");
        assertThat(message().remoteAddress()).isEqualTo(new InetSocketAddress("203.0.113.7", 40123));
        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(session.remoteAddress()).isEqualTo(new InetSocketAddress("203.0.113.7", 40123));
    }

    @Test
    void aTrustedBalancersV2HeaderGivesTheClientsAddressOfEitherFamily() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("OPTIONAL");
            spec.setProxyTrustedAddresses("127.0.0.0/8");
        });

        Socket v4 = clientFrom(LOCALHOST);
        sendBytes(v4, v2Header("198.51.100.20", 5555));
        assertAnswered(v4, "four");
        assertThat(message().remoteAddress()).isEqualTo(new InetSocketAddress("198.51.100.20", 5555));

        Socket v6 = clientFrom(OTHER);
        sendBytes(v6, v2Header("2001:db8::42", 6666));
        assertAnswered(v6, "six");
        assertThat(message().remoteAddress()).isEqualTo(new InetSocketAddress("2001:db8::42", 6666));

        Socket direct = clientFrom(LOCALHOST); // OPTIONAL: a balancer's health check may come without a header
        assertAnswered(direct, "direct");
        assertThat(message().remoteAddress().getAddress()).isEqualTo(InetAddress.getByName(LOCALHOST));
    }

    @Test
    void aHeaderFromAnUntrustedAddressClosesTheConnection() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("OPTIONAL");
            spec.setProxyTrustedAddresses(OTHER);
        });

        Socket forger = clientFrom(LOCALHOST);
        send(forger, "PROXY TCP4 10.1.1.1 127.0.0.1 1000 " + port + "\r\nI am 10.1.1.1\n");
        assertClosedOrReset(forger);
        Socket forgerV2 = clientFrom(LOCALHOST);
        sendBytes(forgerV2, v2Header("10.1.1.1", 1000));
        assertClosedOrReset(forgerV2);
        assertAnswered(clientFrom(LOCALHOST), "direct and honest");

        assertThat(endpoints.texts()).containsExactly("direct and honest");
        assertThat(log.lines(Level.WARNING).get(0)).contains("not in proxyTrustedAddresses");
    }

    @Test
    void aDirectClientIsOpenedAtOnceSoThatAServerThatSpeaksFirstGreetsIt() throws Exception {
        endpoints.greeting = "220 ready";
        startListener(spec -> {
            spec.setProxyProtocol("OPTIONAL");
            spec.setProxyTrustedAddresses(OTHER);
            spec.setSslHandshakeTimeoutMillis(60_000); // only opening at once can greet in time
        });

        Socket direct = clientFrom(LOCALHOST);
        assertThat(readLine(direct)).isEqualTo("220 ready");
        assertAnswered(direct, "HELO");
        Socket forger = clientFrom(LOCALHOST);
        assertThat(readLine(forger)).isEqualTo("220 ready");
        send(forger, "PROXY TCP4 10.1.1.1 127.0.0.1 1000 " + port + "\r\n");
        assertClosedOrReset(forger);

        assertThat(message().remoteAddress().getAddress()).isEqualTo(InetAddress.getByName(LOCALHOST));
        assertThat(endpoints.texts()).isEmpty(); // the forged header never reached the bean
        awaitTrue("the forged header logged", () -> !log.lines(Level.WARNING).isEmpty());
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("not in proxyTrustedAddresses");
    }

    @Test
    void aTrustedBalancerThatSendsNothingIsClosedInTimeForItsHeaderNotForTls() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("OPTIONAL");
            spec.setProxyTrustedAddresses(LOCALHOST);
            spec.setSslHandshakeTimeoutMillis(300);
        });

        Socket silent = clientFrom(LOCALHOST);
        assertClosedOrReset(silent);

        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("did not send its PROXY protocol header or any first bytes within "
                        + "sslHandshakeTimeoutMillis (300 ms)")
                .doesNotContain("TLS");
        assertThat(endpoints.connected).isEmpty();
    }

    @Test
    void requiredMeansOnlyTrustedBalancersWithAHeader() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(OTHER);
        });

        Socket direct = clientFrom(LOCALHOST);
        send(direct, "hello\n");
        assertClosedOrReset(direct);
        Socket headerless = clientFrom(OTHER);
        send(headerless, "hello\n");
        assertClosedOrReset(headerless);

        assertThat(endpoints.connected).isEmpty();
        assertThat(log.lines(Level.WARNING)).hasSize(1); // the second is summed up
    }

    @Test
    void theAllowlistJudgesTheClientABalancerNames() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(LOCALHOST);
            spec.setAllowedClients("203.0.113.0/24");
        });

        Socket outsider = clientFrom(LOCALHOST);
        send(outsider, "PROXY TCP4 198.51.100.1 127.0.0.1 1000 " + port + "\r\nhi\n");
        assertClosedOrReset(outsider);
        Socket insider = clientFrom(LOCALHOST);
        send(insider, "PROXY TCP4 203.0.113.9 127.0.0.1 1000 " + port + "\r\n");
        assertAnswered(insider, "hi");

        assertThat(endpoints.texts()).containsExactly("hi");
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("/198.51.100.1:1000").contains("not in allowedClients");
    }

    @Test
    void aLocalCommandKeepsTheBalancersAddressAndABadHeaderCloses() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(LOCALHOST);
        });

        Socket healthCheck = clientFrom(LOCALHOST);
        byte[] local = v2Header("10.0.0.1", 1);
        local[12] = 0x20; // version 2, command LOCAL
        sendBytes(healthCheck, local);
        assertAnswered(healthCheck, "alive?");
        assertThat(message().remoteAddress().getAddress()).isEqualTo(InetAddress.getByName(LOCALHOST));

        Socket garbled = clientFrom(LOCALHOST);
        send(garbled, "PROXY TCP4 not-an-address 127.0.0.1 1 2\r\n");
        assertClosedOrReset(garbled);
        // the decoder closes the connection before it reports the fault, which is then logged
        awaitTrue("the bad header logged", () -> !log.lines(Level.WARNING).isEmpty());
        assertThat(log.lines(Level.WARNING)).singleElement().asString().contains("PROXY protocol header is malformed");
    }

    @Test
    void aBalancersTcpHealthCheckIsClosedAtOnceWithoutAWarning() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(LOCALHOST);
            spec.setSslHandshakeTimeoutMillis(60_000); // only leaving can end it in time
        });

        Socket check = clientFrom(LOCALHOST);
        check.shutdownOutput();
        assertClosedOrReset(check);
        stopListener();

        assertThat(log.lines(Level.WARNING)).isEmpty();
        assertThat(endpoints.connected).isEmpty();
    }

    @Test
    void aBalancerThatNeverFinishesItsHeaderIsClosedInTime() throws Exception {
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(LOCALHOST);
            spec.setSslHandshakeTimeoutMillis(300);
        });

        Socket trickle = clientFrom(LOCALHOST);
        send(trickle, "PROXY TCP4 203.0");
        assertClosedOrReset(trickle);

        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("did not send its PROXY protocol header within sslHandshakeTimeoutMillis (300 ms)");
    }

    @Test
    void aHeaderComesBeforeTheTlsHandshake(@TempDir Path dir) throws Exception {
        Identity authority = TestCertificates.authority("CA");
        Path keys = authority.issue("server", "127.0.0.1").writeKeyStore(dir.resolve("k.p12"), "s", "PKCS12");
        Path trust = TestCertificates.writeTrustStore(dir.resolve("t.p12"), "PKCS12", authority.certificate());
        Path clientKeys = authority.issue("pump-3").writeKeyStore(dir.resolve("c.p12"), "c", "PKCS12");
        startListener(spec -> {
            spec.setProxyProtocol("REQUIRED");
            spec.setProxyTrustedAddresses(LOCALHOST);
            spec.setSsl(true);
            spec.setKeyStore(keys.toString());
            spec.setKeyStorePassword(TestCertificates.PASSWORD);
            spec.setTrustStore(trust.toString());
            spec.setTrustStorePassword(TestCertificates.PASSWORD);
            spec.setClientAuth("NEED");
        });

        Socket balancer = clientFrom(LOCALHOST);
        send(balancer, "PROXY TCP6 2001:db8::7 ::1 50000 " + port + "\r\n");
        SSLSocket tls = new TestTlsClients(clientKeys, trust).over(balancer, LOCALHOST, port, TIMEOUT_MILLIS);
        assertAnswered(tls, "secure and proxied");

        TcpMessage message = message();
        assertThat(message.remoteAddress()).isEqualTo(new InetSocketAddress("2001:db8::7", 50000));
        assertThat(message.peerPrincipal().orElseThrow().getName()).contains("CN=pump-3");
    }

    /** @return a PROXY protocol v2 header for a TCP client at {@code source} to this listener */
    private byte[] v2Header(String source, int sourcePort) throws IOException {
        byte[] from = InetAddress.getByName(source).getAddress();
        byte[] to = InetAddress.getByName(from.length == 4 ? LOCALHOST : "::1").getAddress();
        ByteBuffer header = ByteBuffer.allocate(16 + 2 * from.length + 4);
        header.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        header.put((byte) 0x21); // version 2, command PROXY
        header.put((byte) (from.length == 4 ? 0x11 : 0x21)); // TCP over IPv4 or IPv6
        header.putShort((short) (2 * from.length + 4));
        header.put(from).put(to).putShort((short) sourcePort).putShort((short) port);
        return header.array();
    }

}
