package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.testing.LogCapture;
import io.github.tcpadapter.tls.TestCertificates.Identity;
import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TlsContext;
import io.github.tcpadapter.tls.TlsEchoPeer;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS on outbound connections, against TLS peers on 127.0.0.1 with certificates made for the test: trust, host
 * name verification, client certificates and their rotation, and the same deadlines and looks as in plaintext.
 */
class OutboundTlsTest extends OutboundTestBase {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String SUBJECT_SUFFIX = ",O=TCP adapter tests";
    // package-private in outbound.transport: named, not imported
    private static final String CHANNEL_WAITER = "io.github.tcpadapter.outbound.transport.ChannelWaiter";

    @TempDir
    static Path stores;
    private static Identity authority;
    private static Path serverKeys;
    private static Path trust;

    private final List<TlsEchoPeer> peers = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        authority = TestCertificates.authority("Test CA");
        serverKeys = authority.issue("localhost", "localhost", "127.0.0.1")
                .writeKeyStore(stores.resolve("server.p12"), "server", "PKCS12");
        trust = TestCertificates.writeTrustStore(stores.resolve("trust.p12"), "PKCS12", authority.certificate());
    }

    @AfterEach
    void stopPeers() throws Exception {
        for (TlsEchoPeer peer : peers) {
            peer.close();
        }
        for (AutoCloseable other : others) {
            other.close();
        }
    }

    @Test
    void requestsAndRepliesGoOverTls() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpConnection connection = connect(tlsFactory(peer.port()));

        for (int i = 0; i < 20; i++) {
            assertThat(connection.request("hello " + i)).isEqualTo("echo: hello " + i);
        }
        assertThat(peer.clientPrincipals.poll(5, TimeUnit.SECONDS)).isEqualTo("none");
        assertThat(peer.accepted).hasValue(1);
    }

    @Test
    void aLargeFrameGoesOverManyRecords() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setMaxFrameLength(1_000_000);
        String large = "x".repeat(300_000);

        assertThat(connect(factory).request(large)).isEqualTo("echo: " + large);
    }

    // TLS 1.3: the peer's key update asks for one back (NEED_WRAP after the handshake); TLS 1.2: a renegotiation
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void aNewHandshakeThePeerStartsIsServedWithinTheCall(String protocol) throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setSslProtocols(protocol);
        assertTimeoutPreemptively(BOUND, () -> {
            TcpConnection connection = connect(factory); // a handle belongs to the thread that took it
            assertThat(connection.request("before")).isEqualTo("echo: before");
            assertThat(connection.request(TlsEchoPeer.REKEY)).isEqualTo("echo: " + TlsEchoPeer.REKEY);
            for (int i = 0; i < 5; i++) {
                assertThat(connection.request("after " + i)).isEqualTo("echo: after " + i);
            }
        });
        assertThat(peer.accepted).hasValue(1);
    }

    @Test
    void destroyingATlsConnectionEndsAWriteThatWaits() throws Exception {
        TlsEchoPeer deaf = peer(serverKeys, false, TlsEchoPeer.Mode.DEAF);
        TcpManagedConnectionFactory factory = tlsFactory(deaf.port());
        factory.setWriteTimeoutMillis(30_000);
        byte[] large = new byte[4 * 1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        factory.setMaxFrameLength(large.length);
        TcpManagedConnection managed = managedConnection(factory);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicReference<Thread> writing = new AtomicReference<>();
        try {
            Future<?> write = writer.submit(() -> {
                TcpConnection handle = handleOf(managed); // handles belong to the thread that takes them
                writing.set(Thread.currentThread());
                handle.send(large);
                return null;
            });
            // the write waits for the peer to make room: the peer's buffer of a few KiB is full at once
            awaitTrue(() -> writing.get() != null && Arrays.stream(writing.get().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().equals(CHANNEL_WAITER)));

            managed.destroy(); // from another thread, while the write holds the session

            assertThat(catchThrowableOfType(ExecutionException.class, () -> write.get(5, TimeUnit.SECONDS)))
                    .cause().isInstanceOf(ResourceException.class)
                    .hasMessage("Writing to 127.0.0.1:" + deaf.port() + " failed: the connection was closed");
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void withAKeyStoreTheClientPresentsItsCertificate() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, true, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setKeyStore(clientKeys("client-a", "client-a.p12", "PKCS12").toString());
        factory.setKeyStorePassword(TestCertificates.PASSWORD);

        assertThat(connect(factory).request("who am I?")).isEqualTo("echo: who am I?");
        assertThat(peer.clientPrincipals.poll(5, TimeUnit.SECONDS)).isEqualTo("CN=client-a" + SUBJECT_SUFFIX);
    }

    // with TLS 1.3 the client's side of the handshake is done before the server checks the client's certificate:
    // the refusal arrives with the first reply instead
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void withoutAKeyStoreAServerThatNeedsAClientCertificateRefusesClearly(String protocol) throws Exception {
        TlsEchoPeer peer = peer(serverKeys, true, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setSslProtocols(protocol);

        ResourceException failure = assertTimeoutPreemptively(BOUND, () -> catchThrowableOfType(
                ResourceException.class, () -> connect(factory).request("let me in")));

        // a TLS 1.2 peer on Java 17 sends bad_certificate, on Java 21 and later handshake_failure, which a server
        // also sends when it shares no cipher suite: the message names both then
        assertThat(failure).isNotNull().hasMessageContaining("TLS").hasMessageContaining(
                "requires a client certificate and none is configured (Received fatal alert: ")
                .hasMessageContaining("set keyStore");
        assertThat(peer.handshakeFailures.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(peer.received).isEmpty();
    }

    @Test
    void aCertificateForAnotherHostIsRefused() throws Exception {
        TlsEchoPeer peer = peer(otherHostKeys(), false, TlsEchoPeer.Mode.ECHO);

        assertThatThrownBy(() -> connect(tlsFactory(peer.port())))
                .isInstanceOf(ResourceException.class)
                .isNotInstanceOf(TcpTimeoutException.class)
                .hasMessage("Cannot connect to 127.0.0.1:" + peer.port() + " (TLS handshake failed: the server's "
                        + "certificate does not match the host name 127.0.0.1 (No subject alternative names matching "
                        + "IP address 127.0.0.1 found); set hostnameVerification=false only for testing)");
        assertThat(peer.handshakeFailures.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void withoutHostnameVerificationACertificateForAnotherHostIsAccepted() throws Exception {
        TlsEchoPeer peer = peer(otherHostKeys(), false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setHostnameVerification(false);

        Logger factoryLog = Logger.getLogger(TcpManagedConnectionFactory.class.getName());
        try (LogCapture log = LogCapture.install(factoryLog, Level.INFO)) {
            assertThat(connect(factory).request("anyone")).isEqualTo("echo: anyone");

            assertThat(log.lines(Level.WARNING)).containsExactly("Outbound connections to 127.0.0.1:" + peer.port()
                    + " accept any certificate the trust store trusts, whatever host it names "
                    + "(hostnameVerification=false): for testing only");
        }
    }

    @Test
    void aCertificateTheTrustStoreDoesNotKnowIsRefused() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        Path strangers = TestCertificates.writeTrustStore(stores.resolve("strangers.p12"), "PKCS12",
                TestCertificates.authority("Other CA").certificate());
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setTrustStore(strangers.toString());

        assertThatThrownBy(() -> connect(factory))
                .isInstanceOf(ResourceException.class)
                .hasMessageStartingWith("Cannot connect to 127.0.0.1:" + peer.port() + " (TLS handshake failed: the "
                        + "server's certificate is not trusted by the trust store " + strangers
                        + " (PKIX path building failed");
    }

    @Test
    void requestAsyncGoesOverTlsOnTheMultiplexedLinks() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setCorrelation("IN_ORDER");
        factory.setMultiplexedConnections(1);
        TcpConnection connection = connect(factory);

        List<java.util.concurrent.CompletableFuture<String>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(connection.requestAsync("hello " + i, BOUND).toCompletableFuture());
        }

        for (int i = 0; i < 20; i++) {
            assertThat(replies.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("echo: hello " + i);
        }
        assertThat(peer.accepted).as("the link's socket only").hasValue(1);
    }

    @Test
    void aMultiplexedLinkRefusesACertificateTheTrustStoreDoesNotKnowWithTheReason() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        Path strangers = TestCertificates.writeTrustStore(stores.resolve("strangers-links.p12"), "PKCS12",
                TestCertificates.authority("Other CA").certificate());
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setTrustStore(strangers.toString());
        Connector connector = factory.validate();
        io.github.tcpadapter.outbound.multiplex.Multiplexer links = new io.github.tcpadapter.outbound.multiplex
                .Multiplexer(new io.github.tcpadapter.outbound.multiplex.MultiplexSettings("test", "IN_ORDER",
                        java.util.Optional.empty(), 1, 8, connector.framing(), 5_000, null), connector::dial,
                        new FactoryRegistry(false).works());
        others.add(links);

        try (LogCapture log = LogCapture.install(Logger.getLogger(
                io.github.tcpadapter.outbound.multiplex.Multiplexer.class.getPackageName() + ".Link"), Level.INFO)) {
            assertThatThrownBy(() -> links.request("x".getBytes(), 5_000).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceException.class)
                    .hasMessageContaining("Cannot connect to 127.0.0.1:" + peer.port() + " (TLS handshake failed: "
                            + "the server's certificate is not trusted by the trust store " + strangers);
            // other tests' links may log here too: this one is named "test"; it logs after failing the request
            awaitTrue(() -> log.lines(Level.WARNING).stream().anyMatch(line -> line.startsWith("test link 1: ")));
            assertThat(log.lines(Level.WARNING)).as("the link says so once")
                    .filteredOn(line -> line.startsWith("test link 1: ")).singleElement().asString()
                    .contains("TLS handshake failed");
        }
    }

    @Test
    void aMultiplexedLinkFailsOverToTheNextHostWhenAHandshakeFails() throws Exception {
        TlsEchoPeer wrongName = peer(otherHostKeys(), false, TlsEchoPeer.Mode.ECHO);
        TlsEchoPeer good = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(good.port());
        factory.setHost(LOCALHOST + ":" + wrongName.port() + "," + LOCALHOST + ":" + good.port());
        factory.setCorrelation("IN_ORDER");
        factory.setMultiplexedConnections(1);
        TcpConnection connection = connect(factory);

        try (LogCapture log = LogCapture.install(Logger.getLogger(
                io.github.tcpadapter.outbound.multiplex.Multiplexer.class.getPackageName() + ".Link"), Level.INFO)) {
            java.util.concurrent.CompletableFuture<String> first = connection.requestAsync("first", BOUND)
                    .toCompletableFuture();
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasMessageContaining("TLS handshake failed");
            assertThat(connection.requestAsync("second", BOUND).toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo("echo: second");
            awaitTrue(() -> String.join("\n", log.lines(Level.WARNING)).contains("TLS handshake failed"));
        }
        assertThat(factory.validate().management().getHostStates()[0]).contains("backing off")
                .contains("TLS handshake failed");
    }

    @Test
    void withoutATrustStoreTheJvmsDefaultTrustIsNamed() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setTrustStore(null);
        factory.setTrustStorePassword(null);

        assertThatThrownBy(() -> connect(factory))
                .hasMessageContaining("TLS handshake failed: the server's certificate is not trusted by the trust "
                        + "store of the JVM (");
    }

    @Test
    void aTlsFailureFailsOverToTheNextHost() throws Exception {
        TlsEchoPeer wrongCertificate = peer(otherHostKeys(), false, TlsEchoPeer.Mode.ECHO);
        TlsEchoPeer good = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(good.port());
        factory.setHost(LOCALHOST + ":" + wrongCertificate.port() + "," + LOCALHOST + ":" + good.port());

        assertThat(connect(factory).request("second one")).isEqualTo("echo: second one");
        assertThat(wrongCertificate.handshakeFailures.poll(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aPeerThatNeverAnswersTheHandshakeFailsTheConnectAfterTheHandshakeTimeout() throws Exception {
        StallingPeer silent = new StallingPeer(false); // accepts TCP, says nothing
        others.add(silent);
        TcpManagedConnectionFactory factory = tlsFactory(silent.port());
        factory.setSslHandshakeTimeoutMillis(300);

        long start = System.nanoTime();
        TcpTimeoutException failure = assertTimeoutPreemptively(BOUND,
                () -> catchThrowableOfType(TcpTimeoutException.class, () -> connect(factory)));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).isNotNull().hasMessage("Cannot connect to 127.0.0.1:" + silent.port()
                + " (TLS handshake not complete within 300 ms (sslHandshakeTimeoutMillis))");
        assertThat(elapsedMillis).isBetween(300L, (long) READ_TIMEOUT_MILLIS - 1);
    }

    @ParameterizedTest(name = "request: {0}")
    @ValueSource(booleans = {true, false})
    void aTlsPeerThatNeverReadsFailsTheWriteAfterTheWriteTimeout(boolean request) throws Exception {
        TlsEchoPeer deaf = peer(serverKeys, false, TlsEchoPeer.Mode.DEAF);
        TcpManagedConnectionFactory factory = tlsFactory(deaf.port());
        factory.setWriteTimeoutMillis(300);
        factory.setSendBufferSize(8_192);
        byte[] large = new byte[4 * 1024 * 1024];
        Arrays.fill(large, (byte) 'x');
        factory.setMaxFrameLength(large.length);
        TcpManagedConnection managed = managedConnection(factory);
        RecordingListener listener = RecordingListener.on(managed);

        long start = System.nanoTime();
        TcpTimeoutException failure = assertTimeoutPreemptively(BOUND,
                () -> catchThrowableOfType(TcpTimeoutException.class, () -> {
                    TcpConnection handle = handleOf(managed);
                    if (request) {
                        handle.request(large);
                    } else {
                        handle.send(large);
                    }
                }));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).isNotNull().hasMessage("Writing to 127.0.0.1:" + deaf.port()
                + " did not complete within 300 ms; the connection is closed");
        assertThat(elapsedMillis).isBetween(300L, 5_000L);
        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
    }

    @Test
    void theCheckoutFindsATlsPeerThatClosedAndReconnects() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnection managed = managedConnection(tlsFactory(peer.port()));
        RecordingListener listener = RecordingListener.on(managed);
        TcpConnection first = handleOf(managed);
        assertThat(first.request("before")).isEqualTo("echo: before");
        first.close();
        managed.cleanup();
        // TLS 1.3 session tickets arrive after the handshake: records without a byte for the application
        assertThat(managed.isValid()).isTrue();

        peer.dropClients(); // close_notify, then the socket closes
        awaitTrue(() -> !managed.isValid());

        TcpConnection next = handleOf(managed);
        assertThat(next.request("after")).isEqualTo("echo: after");
        assertThat(peer.accepted).hasValue(2);
        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(managed.isValid()).isTrue();
    }

    @Test
    void aNeverLentTlsConnectionStaysValidWhileIdle() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnection managed = managedConnection(tlsFactory(peer.port()));
        assertThat(peer.clientPrincipals.poll(5, TimeUnit.SECONDS)).isEqualTo("none"); // the peer is done too

        assertThat(managed.isValid()).isTrue();
        assertThat(handleOf(managed).request("first")).isEqualTo("echo: first");
        assertThat(peer.accepted).hasValue(1);
    }

    @Test
    void withAReloadIntervalNewConnectionsPresentTheRotatedClientCertificate() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, true, TlsEchoPeer.Mode.ECHO);
        Path clientKeys = clientKeys("client-a", "rotating.p12", "PKCS12");
        TcpManagedConnectionFactory reloading = tlsFactory(peer.port());
        reloading.setKeyStore(clientKeys.toString());
        reloading.setKeyStorePassword(TestCertificates.PASSWORD);
        reloading.setSslReloadIntervalMillis(1);
        TcpManagedConnectionFactory fixed = tlsFactory(peer.port());
        fixed.setKeyStore(clientKeys.toString());
        fixed.setKeyStorePassword(TestCertificates.PASSWORD);
        fixed.createConnectionFactory(); // reads the stores now
        assertThat(connect(reloading).request("a")).isEqualTo("echo: a");
        assertThat(peer.clientPrincipals.poll(5, TimeUnit.SECONDS)).isEqualTo("CN=client-a" + SUBJECT_SUFFIX);

        clientKeys("client-b", "rotating.p12", "PKCS12"); // replaced atomically, as a deployer would

        try (LogCapture log = LogCapture.install(Logger.getLogger(TlsContext.class.getName()), Level.INFO)) {
            // the interval is 1 ms: a new connection soon looks at the file again
            assertTimeoutPreemptively(BOUND, () -> {
                String presented;
                do {
                    TcpConnection connection = connect(reloading); // a handle belongs to the thread that took it
                    connection.request("b");
                    connection.close();
                    presented = peer.clientPrincipals.poll(5, TimeUnit.SECONDS);
                } while (!("CN=client-b" + SUBJECT_SUFFIX).equals(presented));
            });

            assertThat(log.lines(Level.INFO)).singleElement().asString()
                    .startsWith("Outbound connections to 127.0.0.1:" + peer.port() + ": TLS stores changed, new "
                            + "connections use them (TLS TLSv1.3,TLSv1.2, keyStore " + clientKeys)
                    .doesNotContain(TestCertificates.PASSWORD);
        }
        assertThat(connect(fixed).request("c")).isEqualTo("echo: c");
        assertThat(peer.clientPrincipals.poll(5, TimeUnit.SECONDS)).isEqualTo("CN=client-a" + SUBJECT_SUFFIX);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JKS", "PKCS12"})
    void theStoreTypeIsToldFromTheFile(String type) throws Exception {
        TlsEchoPeer peer = peer(serverKeys, true, TlsEchoPeer.Mode.ECHO);
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setTrustStore(TestCertificates.writeTrustStore(stores.resolve("trust-" + type), type,
                authority.certificate()).toString());
        factory.setKeyStore(clientKeys("client-" + type, "client-" + type, type).toString());
        factory.setKeyStorePassword(TestCertificates.PASSWORD);

        assertThat(connect(factory).request(type)).isEqualTo("echo: " + type);
        assertThat(peer.clientPrincipals.poll(5, TimeUnit.SECONDS)).isEqualTo("CN=client-" + type + SUBJECT_SUFFIX);
    }

    // the stores are read when the factory is made and when they change with reloading on, not per connection
    @Test
    void theStoresAreReadOncePerFactoryConfiguration() throws Exception {
        TlsEchoPeer peer = peer(serverKeys, false, TlsEchoPeer.Mode.ECHO);
        Path copy = Files.copy(trust, stores.resolve("trust-copy.p12"));
        TcpManagedConnectionFactory factory = tlsFactory(peer.port());
        factory.setTrustStore(copy.toString());
        assertThat(connect(factory).request("one")).isEqualTo("echo: one");

        Files.delete(copy);

        assertThat(connect(factory).request("two")).isEqualTo("echo: two");
        assertThat(managedConnection(factory).isValid()).isTrue();
    }

    @Test
    void badTlsPropertiesNameThePropertyAndNeverThePassword() {
        String secret = "wrong-secret";
        Path missing = stores.resolve("missing.p12");
        assertInvalid(f -> f.setTrustStore(missing.toString()), "trustStore ('" + missing + "'): cannot be read: "
                + "no such file (check the path, the store type and the password)");
        assertInvalid(f -> {
            f.setKeyStore(serverKeys.toString());
            f.setKeyStorePassword(secret);
        }, "keyStore ('" + serverKeys + "'): cannot be read: ");
        assertInvalid(f -> f.setTrustStorePassword(secret), "trustStore ('" + trust + "'): cannot be read: ");
        assertInvalid(f -> f.setSslProtocols("TLSv1.9"), "sslProtocols ('TLSv1.9'): TLSv1.9 is not supported");
        assertInvalid(f -> f.setSslProtocols(" "), "sslProtocols (' '): must name at least one");
        assertInvalid(f -> f.setCipherSuites("TLS_NO_SUCH_SUITE"), "cipherSuites ('TLS_NO_SUCH_SUITE')");
        assertInvalid(f -> f.setSslHandshakeTimeoutMillis(0), "sslHandshakeTimeoutMillis ('0')");
        assertInvalid(f -> f.setSslReloadIntervalMillis(-1), "sslReloadIntervalMillis ('-1')");
        assertInvalid(f -> {
            f.setKeyStore(serverKeys.toString());
            f.setKeyStorePassword(TestCertificates.PASSWORD);
            f.setKeyAlias("nobody");
        }, "keyAlias ('nobody'): the key store " + serverKeys + " has no private key entry of that name");
        assertThat(String.valueOf(tlsFactory(1))).doesNotContain(TestCertificates.PASSWORD);
    }

    @Test
    void withTlsOffTheStoresAreNotLookedAt() throws Exception {
        TcpManagedConnectionFactory factory = tlsFactory(4000);
        factory.setSsl(false);
        factory.setTrustStore(stores.resolve("missing.p12").toString());

        assertThat(factory.createConnectionFactory()).isNotNull();
    }

    private static void assertInvalid(Consumer<TcpManagedConnectionFactory> change, String named) {
        TcpManagedConnectionFactory factory = tlsFactory(4000);
        change.accept(factory);

        InvalidPropertyException failure = catchThrowableOfType(InvalidPropertyException.class,
                factory::createConnectionFactory);
        assertThat(failure).as(named).isNotNull()
                .hasMessageContaining("Invalid configuration property " + named);
        assertThat(failure.getMessage()).doesNotContain("wrong-secret").doesNotContain(TestCertificates.PASSWORD);
    }

    private TlsEchoPeer peer(Path keyStore, boolean needClientAuth, TlsEchoPeer.Mode mode) throws Exception {
        TlsEchoPeer peer = new TlsEchoPeer(keyStore, trust, needClientAuth, mode);
        peers.add(peer);
        return peer;
    }

    private static TcpManagedConnectionFactory tlsFactory(int port) {
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost(LOCALHOST);
        factory.setPort(port);
        factory.setReadTimeoutMillis(READ_TIMEOUT_MILLIS);
        factory.setConnectTimeoutMillis(READ_TIMEOUT_MILLIS);
        factory.setSsl(true);
        factory.setTrustStore(trust.toString());
        factory.setTrustStorePassword(TestCertificates.PASSWORD);
        return factory;
    }

    private static Path otherHostKeys() {
        Path file = stores.resolve("other-host.p12");
        return Files.exists(file) ? file
                : authority.issue("otherhost", "otherhost.example").writeKeyStore(file, "server", "PKCS12");
    }

    private static Path clientKeys(String commonName, String fileName, String type) {
        return authority.issue(commonName).writeKeyStore(stores.resolve(fileName), "client", type);
    }
}
