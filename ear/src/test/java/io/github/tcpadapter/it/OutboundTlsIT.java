package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TestCertificates.Identity;
import io.github.tcpadapter.tls.TlsEchoPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample gateway's outbound connection factory with TLS on ({@code ssl}, a {@code trustStore} with the test's
 * own authority, {@code hostnameVerification}), against a TLS echo peer on 127.0.0.1 whose certificates the test
 * makes at run time: request/reply through the pool, and a peer that comes back with a certificate for another
 * host name refused with a message that says so.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundTlsIT {

    private static final int GATEWAY_PORT = FreePort.next();

    private static Path stores;
    private static Path peerKeys;
    private static Path otherHostKeys;
    private static TlsEchoPeer peer;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        stores = Files.createTempDirectory("outbound-tls-it");
        Identity authority = TestCertificates.authority("Outbound TLS IT CA");
        peerKeys = authority.issue("localhost", "localhost", "127.0.0.1")
                .writeKeyStore(stores.resolve("peer.p12"), "peer", "PKCS12");
        otherHostKeys = authority.issue("elsewhere", "elsewhere.example")
                .writeKeyStore(stores.resolve("elsewhere.p12"), "peer", "PKCS12");
        Path trust = TestCertificates.writeTrustStore(stores.resolve("trust.p12"), "PKCS12",
                authority.certificate());
        peer = new TlsEchoPeer(peerKeys, null, false, TlsEchoPeer.Mode.ECHO);
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, peer.port())
                .backend("ssl", true)
                .backend("trustStore", trust)
                .backend("trustStorePassword", TestCertificates.PASSWORD)
                .backend("hostnameVerification", true)
                .backend("sslHandshakeTimeoutMillis", 5_000)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @AfterAll
    static void stopPeer() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (stores != null) {
            try (Stream<Path> files = Files.walk(stores)) {
                files.sorted(Comparator.reverseOrder()).forEach(OutboundTlsIT::delete);
            }
        }
    }

    @BeforeEach
    void peerPresentsItsOwnCertificate() {
        peer.present(peerKeys);
        peer.handshakeFailures.clear();
        peer.clientPrincipals.clear();
    }

    @Test
    void requestReplyGoesOverTlsThroughTheGateway() throws Exception {
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.request("secret " + i)).isEqualTo("backend: echo: secret " + i);
            }
        }
        assertThat(peer.received).contains("secret 0", "secret 19");
        // the pool may still hold the sockets of an earlier test: no new handshake needed
        assertThat(peer.clientPrincipals).allMatch("none"::equals); // no keyStore configured
        assertThat(peer.handshakeFailures).isEmpty();
    }

    @Test
    void aPeerWithACertificateForAnotherHostIsRefusedWithAMessageThatSaysSo() throws Exception {
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            assertThat(client.request("before")).isEqualTo("backend: echo: before"); // a pooled connection

            peer.present(otherHostKeys);
            peer.dropClients(); // restarts with the other certificate: pooled sockets see its close_notify

            // Payara may put its own words before the adapter's message
            assertThat(client.request("wrong host")).startsWith("error: ").contains("Cannot connect to 127.0.0.1:"
                    + peer.port() + " (TLS handshake failed: the server's certificate does not match the host name "
                    + "127.0.0.1 (No subject alternative names matching IP address 127.0.0.1 found); set "
                    + "hostnameVerification=false only for testing)");
            assertThat(peer.received).doesNotContain("wrong host");

            peer.present(peerKeys);
            assertThat(client.request("after")).isEqualTo("backend: echo: after");
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            // a temporary directory: left for the OS
        }
    }
}
