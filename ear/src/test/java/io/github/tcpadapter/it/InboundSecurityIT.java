package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TestCertificates.Identity;
import io.github.tcpadapter.tls.TestTlsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Security on the server: mutual TLS with the principal reaching the bean, the server's own certificate when no
 * store is configured, a PROXY header before TLS, the client allowlist, and clients that never handshake. The
 * certificates are made when the test class loads, under {@code target/}, before the EAR naming them is built.
 */
@ExtendWith(ArquillianExtension.class)
class InboundSecurityIT {

    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();
    private static final int MUTUAL_TLS_PORT = FreePort.next();
    private static final int PROXIED_TLS_PORT = FreePort.next();
    private static final int SECURE_ECHO_PORT = FreePort.next();
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 1_000;
    private static final String ALLOWED = "127.0.0.2";
    private static final Path STORES = Path.of(System.getProperty("ear.file")).resolveSibling("security-it");
    private static final Identity AUTHORITY = TestCertificates.authority("Security IT CA");
    private static final Path SERVER_KEYS;
    private static final Path TRUST;
    private static final Path CLIENT_KEYS;

    static {
        try {
            Files.createDirectories(STORES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SERVER_KEYS = AUTHORITY.issue("tcp-listener", "localhost", "127.0.0.1")
                .writeKeyStore(STORES.resolve("listener.p12"), "listener", "PKCS12");
        TRUST = TestCertificates.writeTrustStore(STORES.resolve("clients-ca.jks"), "JKS", AUTHORITY.certificate());
        CLIENT_KEYS = AUTHORITY.issue("infusion-pump-7").writeKeyStore(STORES.resolve("pump.p12"), "pump",
                "PKCS12");
    }

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(ECHO_PORT, GATEWAY_PORT, ECHO_PORT)
                        .activation("EchoListener", "allowedClients", ALLOWED + ", ::1")
                        .activation("SecureEchoListener", "port", SECURE_ECHO_PORT)
                        .activation(Probes.PROBE, "ssl", true)
                        .activation(Probes.PROBE, "keyStore", SERVER_KEYS)
                        .activation(Probes.PROBE, "keyStorePassword", TestCertificates.PASSWORD)
                        .activation(Probes.PROBE, "trustStore", TRUST)
                        .activation(Probes.PROBE, "trustStorePassword", TestCertificates.PASSWORD)
                        .activation(Probes.PROBE, "clientAuth", "NEED")
                        .activation(Probes.PROBE, "sslHandshakeTimeoutMillis", HANDSHAKE_TIMEOUT_MILLIS)
                        // no stores: the server's own certificate, as Payara users expect
                        .activation(Probes.CONTINUING_PROBE, "ssl", true)
                        .activation(Probes.CONTINUING_PROBE, "proxyProtocol", "REQUIRED")
                        .activation(Probes.CONTINUING_PROBE, "proxyTrustedAddresses", "127.0.0.1"),
                MUTUAL_TLS_PORT, PROXIED_TLS_PORT);
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    private static Socket connectFrom(String localAddress, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return socket;
    }

    @Test
    void mutualTlsServesATrustedDeviceAndTheBeanSeesWhoItIs() throws Exception {
        TestTlsClients pump = new TestTlsClients(CLIENT_KEYS, TRUST);
        try (LineClient client = new LineClient(pump.connect("127.0.0.1", MUTUAL_TLS_PORT, 5_000))) {
            assertThat(client.request("whoami")).startsWith("done: whoami CN=infusion-pump-7,O=TCP adapter tests "
                    + "from /127.0.0.1:");
            assertThat(client.request("reading 42")).isEqualTo("done: reading 42");
        }
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        TestTlsClients anonymous = new TestTlsClients(null, TRUST);
        try (SSLSocket socket = anonymous.connect("127.0.0.1", MUTUAL_TLS_PORT, 5_000);
             LineClient client = new LineClient(socket)) {
            client.send("whoami");
            assertThat(TestTlsClients.refusedAfterHandshake(socket)).isTrue();
        } catch (SSLException refusedInTheHandshake) {
            // TLS 1.2 refuses in the handshake itself
        }
    }

    @Test
    void plaintextAndSilentClientsAreClosedWithinTheHandshakeTimeoutWhileOthersAreServed() throws Exception {
        TestTlsClients pump = new TestTlsClients(CLIENT_KEYS, TRUST);
        try (LineClient plaintext = new LineClient(MUTUAL_TLS_PORT);
             LineClient silent = new LineClient(MUTUAL_TLS_PORT)) {
            long start = System.nanoTime();
            plaintext.send("hello in the clear");
            try (LineClient served = new LineClient(pump.connect("127.0.0.1", MUTUAL_TLS_PORT, 5_000))) {
                assertThat(served.request("meanwhile")).isEqualTo("done: meanwhile");
            }
            assertThat(plaintext.closedByServer()).isTrue();
            assertThat(silent.closedByServer()).isTrue();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).isBetween(Duration.ofMillis(HANDSHAKE_TIMEOUT_MILLIS - 100),
                    Duration.ofMillis(HANDSHAKE_TIMEOUT_MILLIS + 4_000));
        }
    }

    @Test
    void withoutStoresTheListenerPresentsTheDomainCertificateAfterTheBalancersHeader() throws Exception {
        X509Certificate domainCertificate = domainCertificate();
        Socket balancer = connectFrom("127.0.0.1", PROXIED_TLS_PORT);
        balancer.getOutputStream().write(("PROXY TCP4 203.0.113.50 127.0.0.1 41000 " + PROXIED_TLS_PORT + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // the domain certificate names the host, not 127.0.0.1: this client checks the chain only
        SSLSocket tls = trusting(domainCertificate).over(balancer, "127.0.0.1", PROXIED_TLS_PORT, 5_000);
        try (LineClient client = new LineClient(tls)) {
            assertThat(TestTlsClients.serverCertificate(tls)).isEqualTo(domainCertificate);
            assertThat(client.request("whoami")).isEqualTo("done: whoami anonymous from /203.0.113.50:41000");
        }
    }

    @Test
    void theSamplesSecureEchoAnswersOverTlsWithTheDomainCertificate() throws Exception {
        X509Certificate domainCertificate = domainCertificate();
        SSLSocket tls = trusting(domainCertificate).connect("127.0.0.1", SECURE_ECHO_PORT, 5_000);
        try (LineClient client = new LineClient(tls)) {
            assertThat(TestTlsClients.serverCertificate(tls)).isEqualTo(domainCertificate);
            assertThat(client.request("hello")).isEqualTo("ok: hello (anonymous)");
        }
    }

    @Test
    void onlyAllowedClientsReachTheEchoBean() throws Exception {
        try (LineClient stranger = new LineClient(connectFrom("127.0.0.1", ECHO_PORT));
             LineClient allowed = new LineClient(connectFrom(ALLOWED, ECHO_PORT))) {
            stranger.send("hello?");
            assertThat(stranger.closedByServer()).isTrue();
            assertThat(allowed.request("hello")).isEqualTo("ok: hello");
        }
    }

    /** @return clients that trust only this certificate, without one of their own */
    private static TestTlsClients trusting(X509Certificate certificate) {
        return new TestTlsClients(null, TestCertificates.writeTrustStore(STORES.resolve("domain-trust.p12"),
                "PKCS12", certificate));
    }

    /** @return the certificate {@code s1as} of the domain's key store, which the embedded server shares */
    private static X509Certificate domainCertificate() throws Exception {
        String file = System.getProperty("javax.net.ssl.keyStore");
        assertThat(file).as("the server's javax.net.ssl.keyStore").isNotBlank();
        KeyStore store = KeyStore.getInstance(Path.of(file).toFile(), "changeit".toCharArray());
        return (X509Certificate) store.getCertificate("s1as");
    }
}
