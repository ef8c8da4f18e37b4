package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.testing.LogCapture;
import io.github.tcpadapter.tls.TestCertificates.Identity;
import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TestTlsClients;
import io.github.tcpadapter.tls.TlsContext;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS on a listener, with certificates made for the test. */
class ListenerTlsTest extends ListenerTestSupport {

    @TempDir
    static Path dir;
    static Identity authority;
    static Path serverKeys;
    static Path trust;
    static Path clientKeys;
    static Path strangerKeys;
    static TestTlsClients anonymous;
    static TestTlsClients withCertificate;
    static TestTlsClients stranger;

    private LogCapture log;
    private LogCapture tlsLog;

    @BeforeAll
    static void makeCertificates() {
        authority = TestCertificates.authority("Test CA");
        serverKeys = authority.issue("server", "localhost", "127.0.0.1")
                .writeKeyStore(dir.resolve("server.p12"), "server", "PKCS12");
        trust = TestCertificates.writeTrustStore(dir.resolve("trust.p12"), "PKCS12", authority.certificate());
        clientKeys = authority.issue("device-17").writeKeyStore(dir.resolve("client.jks"), "client", "JKS");
        strangerKeys = TestCertificates.authority("Other CA").issue("intruder")
                .writeKeyStore(dir.resolve("stranger.p12"), "intruder", "PKCS12");
        anonymous = new TestTlsClients(null, trust);
        withCertificate = new TestTlsClients(clientKeys, trust);
        stranger = new TestTlsClients(strangerKeys, trust);
    }

    @BeforeEach
    void capture() {
        log = captureLog(InboundListener.class);
        tlsLog = captureLog(TlsContext.class);
    }

    private void startTls(Consumer<TcpActivationSpec> more) throws ResourceException {
        startListener(spec -> {
            spec.setSsl(true);
            spec.setKeyStore(serverKeys.toString());
            spec.setKeyStorePassword(TestCertificates.PASSWORD);
            spec.setTrustStore(trust.toString());
            spec.setTrustStorePassword(TestCertificates.PASSWORD);
            more.accept(spec);
        });
    }

    private SSLSocket connect(TestTlsClients clients) throws Exception {
        SSLSocket socket = clients.connect(LOCALHOST, port, TIMEOUT_MILLIS);
        this.clients.add(socket);
        return socket;
    }

    @Test
    void answersOverTls() throws Exception {
        startTls(spec -> { });

        SSLSocket client = connect(anonymous);
        assertAnswered(client, "secret");

        assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(endpoints.messages.poll().peerCertificates()).isEmpty();
        assertThat(log.lines(Level.INFO).get(0)).contains("TLS TLSv1.3,TLSv1.2").contains("clientAuth NONE")
                .contains("server.p12").doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void mutualTlsServesATrustedClientAndTellsTheBeanWhoItIs() throws Exception {
        startTls(spec -> spec.setClientAuth("need"));

        SSLSocket client = connect(withCertificate);
        assertAnswered(client, "reading 17");

        TcpMessage message = endpoints.messages.poll();
        assertThat(message.peerPrincipal()).hasValueSatisfying(
                principal -> assertThat(principal.getName()).contains("CN=device-17"));
        assertThat(message.peerCertificates()).hasSize(2); // the client's and its authority's
        TcpSession session = endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(session.peerPrincipal()).isEqualTo(message.peerPrincipal());
    }

    @Test
    void mutualTlsRefusesAClientWithoutACertificate() throws Exception {
        startTls(spec -> spec.setClientAuth("NEED"));

        SSLSocket refused;
        try {
            refused = connect(anonymous);
        } catch (SSLException e) {
            refused = null; // TLS 1.2 would fail in the handshake itself
        }
        if (refused != null) {
            ListenerTestSupport.send(refused, "let me in\n");
            assertThat(TestTlsClients.refusedAfterHandshake(refused)).isTrue();
        }
        assertAnswered(connect(withCertificate), "still served");

        awaitTrue("the refusal logged", () -> !log.lines(Level.WARNING).isEmpty());
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("TLS handshake failed").contains("no certificate");
        assertThat(endpoints.texts()).containsExactly("still served");
    }

    @Test
    void anUntrustedCertificateIsRefusedEvenWhenOneIsOnlyWanted() throws Exception {
        startTls(spec -> spec.setClientAuth("WANT"));

        assertAnswered(connect(anonymous), "no certificate is fine");
        SSLSocket intruder;
        try {
            intruder = connect(stranger);
            ListenerTestSupport.send(intruder, "hi\n");
            assertThat(TestTlsClients.refusedAfterHandshake(intruder)).isTrue();
        } catch (SSLException e) {
            // refused in the handshake
        }

        awaitTrue("the refusal logged", () -> !log.lines(Level.WARNING).isEmpty());
        assertThat(log.lines(Level.WARNING).get(0)).contains("TLS handshake failed");
        assertThat(endpoints.texts()).containsExactly("no certificate is fine");
    }

    @Test
    void handshakeTasksRunOnTheServersThreadsNotOnTheEventLoop() throws Exception {
        startTls(spec -> spec.setClientAuth("NEED"));

        assertAnswered(connect(withCertificate), "verified elsewhere");

        // key exchange, signature and the client's certificate path: tasks of the engine, each run as a work
        assertThat(workManager.mostRunningByKind).containsKey("tcp-listener-" + port + "-tls");
    }

    @Test
    void aBurstOfHandshakesBeyondMaxConcurrentHandshakesWaitsItsTurnAndCompletes() throws Exception {
        startTls(spec -> spec.setMaxConcurrentHandshakes(1));
        int burst = 12;
        ExecutorService clients = Executors.newFixedThreadPool(burst);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                String text = "client " + i;
                answers.add(clients.submit(() -> {
                    SSLSocket client = connect(anonymous);
                    send(client, text + "\n");
                    return readLine(client);
                }));
            }
            for (int i = 0; i < burst; i++) {
                assertThat(answers.get(i).get(TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS)).isEqualTo("ok: client " + i);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(workManager.mostRunningByKind.get("tcp-listener-" + port + "-tls")).isEqualTo(1);
        assertThat(log.lines(Level.WARNING)).isEmpty();
    }

    @Test
    void aClientThatRenegotiatesIsRefusedAndOthersAreServed() throws Exception {
        startTls(spec -> { });

        SSLSocket renegotiating = anonymous.connect(LOCALHOST, port, TIMEOUT_MILLIS, "TLSv1.2");
        clients.add(renegotiating);
        assertAnswered(renegotiating, "first handshake");
        boolean refused;
        try {
            renegotiating.startHandshake(); // TLS 1.2: a new handshake on the open connection
            send(renegotiating, "after renegotiating\n");
            refused = TestTlsClients.refusedAfterHandshake(renegotiating);
        } catch (IOException e) {
            refused = true;
        }
        assertThat(refused).as("renegotiation refused").isTrue();
        assertAnswered(connect(anonymous), "others are served");

        assertThat(endpoints.texts()).containsExactly("first handshake", "others are served");
        awaitTrue("the refusal logged", () -> !log.lines(Level.WARNING).isEmpty());
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("closing the connection from /127.0.0.1:").contains("TLS renegotiation");
    }

    @Test
    void aPlaintextClientIsClosedWithOneLogLineAndOthersAreServed() throws Exception {
        startTls(spec -> { });

        Socket plaintext = client();
        send(plaintext, "hello in the clear\n");
        assertClosedOrReset(plaintext);
        assertAnswered(connect(anonymous), "served");

        // Netty may close before it reports the failed handshake, which is then logged
        awaitTrue("the plaintext client logged", () -> !log.lines(Level.WARNING).isEmpty());
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("closing the connection from /127.0.0.1:").contains("TLS handshake failed")
                .contains("plaintext client");
        assertThat(log.records).allMatch(r -> r.getThrown() == null);
        assertThat(endpoints.texts()).containsExactly("served");
    }

    @Test
    void aFailedOpeningGivesItsAddressSlotBack() throws Exception {
        startTls(spec -> spec.setMaxConnectionsPerAddress(1));

        for (int i = 0; i < 3; i++) {
            Socket plaintext = client();
            send(plaintext, "hello in the clear\n");
            assertClosedOrReset(plaintext);
        }
        assertAnswered(connect(anonymous), "served");
    }

    @Test
    void aHealthCheckThatConnectsAndLeavesIsClosedAtOnceWithoutAWarning() throws Exception {
        startTls(spec -> spec.setSslHandshakeTimeoutMillis(60_000)); // only leaving can end these in time

        for (int i = 0; i < 3; i++) {
            Socket check = client();
            check.shutdownOutput(); // a TCP health check: connect, then close
            assertClosedOrReset(check);
            Socket reset = client();
            reset.setSoLinger(true, 0);
            reset.close();
        }
        assertAnswered(connect(anonymous), "served");
        stopListener();

        assertThat(log.lines(Level.WARNING)).isEmpty();
        assertThat(endpoints.connected).hasSize(1);
    }

    @Test
    void aClientThatNeverHandshakesIsClosedWithinTheHandshakeTimeout() throws Exception {
        startTls(spec -> spec.setSslHandshakeTimeoutMillis(300));

        Socket silent = client();
        long start = System.nanoTime();
        SSLSocket served = connect(anonymous);
        assertAnswered(served, "meanwhile");
        assertClosedOrReset(silent);

        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waitedMillis).isBetween(250L, (long) TIMEOUT_MILLIS);
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("did not complete the TLS handshake within sslHandshakeTimeoutMillis (300 ms)");
        assertThat(endpoints.connected).hasSize(1);
    }

    /** Starts a listener that looks at its key store, holding the certificate of {@code commonName}, at once. */
    private Path startRotating(String file, String commonName) throws ResourceException {
        Path rotating = dir.resolve(file);
        authority.issue(commonName, "127.0.0.1").writeKeyStore(rotating, "server", "PKCS12");
        startTls(spec -> {
            spec.setKeyStore(rotating.toString());
            spec.setSslReloadIntervalMillis(1);
        });
        return rotating;
    }

    private String presentedName() {
        try (SSLSocket socket = anonymous.connect(LOCALHOST, port, TIMEOUT_MILLIS)) {
            return TestTlsClients.serverCertificate(socket).getSubjectX500Principal().getName();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void newConnectionsPresentARotatedCertificate() throws Exception {
        Path rotating = startRotating("rotating.p12", "first");
        assertThat(presentedName()).contains("CN=first");

        authority.issue("second", "127.0.0.1").writeKeyStore(rotating, "server", "PKCS12");

        awaitTrue("a new connection presenting the new certificate", () -> presentedName().contains("CN=second"));
        assertThat(tlsLog.lines(Level.INFO)).singleElement().asString().contains("TLS stores changed");
    }

    @Test
    void aRotatedStoreThatCannotBeReadKeepsThePreviousCertificate() throws Exception {
        Path rotating = startRotating("broken-later.p12", "kept");

        Files.write(rotating, new byte[] {1, 2, 3}); // a half-written file

        awaitTrue("the failed reload logged", () -> {
            assertThat(presentedName()).contains("CN=kept");
            return !tlsLog.lines(Level.WARNING).isEmpty();
        });
        assertThat(tlsLog.lines(Level.WARNING)).singleElement().asString()
                .contains("cannot be used").contains("keyStore").doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void withoutStoresItPresentsTheServersOwnCertificate() throws Exception {
        Path serverStore = authority.issue("payara-domain", "127.0.0.1")
                .writeKeyStore(dir.resolve("keystore.p12"), "s1as", "PKCS12");
        authority.issue("another-entry", "127.0.0.1").writeKeyStore(dir.resolve("unused.p12"), "other", "PKCS12");
        List<String> keys = List.of("javax.net.ssl.keyStore", "javax.net.ssl.keyStorePassword");
        List<String> saved = keys.stream().map(System::getProperty).toList();
        System.setProperty("javax.net.ssl.keyStore", serverStore.toString());
        System.setProperty("javax.net.ssl.keyStorePassword", TestCertificates.PASSWORD);
        try {
            startListener(spec -> spec.setSsl(true));
        } finally {
            for (int i = 0; i < keys.size(); i++) {
                if (saved.get(i) == null) {
                    System.clearProperty(keys.get(i));
                } else {
                    System.setProperty(keys.get(i), saved.get(i));
                }
            }
        }

        SSLSocket client = connect(anonymous);
        assertThat(TestTlsClients.serverCertificate(client).getSubjectX500Principal().getName())
                .contains("CN=payara-domain");
        assertAnswered(client, "default stores");
        assertThat(log.lines(Level.INFO).get(0)).contains("alias s1as");
    }

    @Test
    void aStoreThatCannotBeReadFailsTheStartNamingThePropertyButNotThePassword() {
        assertThatThrownBy(() -> startTls(spec -> spec.setKeyStorePassword("wrong-" + TestCertificates.PASSWORD)))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("keyStore").hasMessageContaining("server.p12")
                .hasMessageNotContaining(TestCertificates.PASSWORD);
        assertThatThrownBy(() -> startTls(spec -> spec.setKeyAlias("nobody")))
                .hasMessageContaining("keyAlias ('nobody')").hasMessageContaining("it has server");
        assertThatThrownBy(() -> startTls(spec -> spec.setSslProtocols("TLSv1.3,TLSv9")))
                .hasMessageContaining("sslProtocols").hasMessageContaining("TLSv9 is not supported");
        assertThatThrownBy(() -> startTls(spec -> spec.setTrustStore(dir.resolve("missing.p12").toString())))
                .hasMessageContaining("trustStore").hasMessageContaining("no such file");
        assertThat(portIsFreeQuietly()).isTrue();
    }

    @Test
    void aKeyStoreNamedWithoutAPasswordIsReadAsHavingNone() throws Exception {
        Path unprotected = authority.issue("no-password", "127.0.0.1")
                .writeKeyStore(dir.resolve("unprotected.p12"), "server", "PKCS12", "");
        startTls(spec -> {
            spec.setKeyStore(unprotected.toString());
            spec.setKeyStorePassword(null);
        });

        SSLSocket client = connect(anonymous);
        assertThat(TestTlsClients.serverCertificate(client).getSubjectX500Principal().getName())
                .contains("CN=no-password");
        assertAnswered(client, "no password");
    }

    @Test
    void aKeyStoreNamedWithoutItsPasswordFailsTheStartNamingKeyStorePassword() {
        String saved = System.getProperty("javax.net.ssl.keyStorePassword");
        System.setProperty("javax.net.ssl.keyStorePassword", TestCertificates.PASSWORD); // the server's: not ours
        try {
            assertThatThrownBy(() -> startTls(spec -> spec.setKeyStorePassword(null)))
                    .isInstanceOf(ResourceException.class)
                    .hasMessageStartingWith("Invalid configuration property keyStorePassword (not set): ")
                    .hasMessageContaining("server.p12").hasMessageNotContaining(TestCertificates.PASSWORD);
        } finally {
            if (saved == null) {
                System.clearProperty("javax.net.ssl.keyStorePassword");
            } else {
                System.setProperty("javax.net.ssl.keyStorePassword", saved);
            }
        }
        assertThat(portIsFreeQuietly()).isTrue();
    }

    @Test
    void aTrustStoreNamedWithoutItsPasswordFailsTheStartInsteadOfTrustingNobody() {
        // a PKCS12 store's certificates are encrypted: read without the password, it looks empty
        assertThatThrownBy(() -> startTls(spec -> {
            spec.setClientAuth("NEED");
            spec.setTrustStorePassword(null);
        })).isInstanceOf(ResourceException.class)
                .hasMessageStartingWith("Invalid configuration property trustStorePassword (not set): ")
                .hasMessageContaining("trust.p12");
        assertThat(portIsFreeQuietly()).isTrue();
    }

    @Test
    void mutualTlsWithoutATrustStoreDoesNotStart() {
        assertThatThrownBy(() -> startTls(spec -> {
            spec.setClientAuth("NEED");
            spec.setTrustStore(null);
        })).isInstanceOf(ResourceException.class)
                .hasMessageContaining("trustStore (not set)").hasMessageContaining("clientAuth=NEED");
        assertThat(portIsFreeQuietly()).isTrue();
    }

    private boolean portIsFreeQuietly() {
        try {
            return portIsFree();
        } catch (Exception e) {
            return false;
        }
    }
}
