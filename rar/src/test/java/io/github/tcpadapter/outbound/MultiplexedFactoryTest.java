package io.github.tcpadapter.outbound;

import java.util.function.BiFunction;
import java.util.concurrent.CompletionStage;
import java.util.Map;
import java.net.InetSocketAddress;
import jakarta.resource.spi.ResourceAdapter;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpMessage;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.adapter.TcpResourceAdapter;
import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpCorrelation;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code requestAsync} through a factory: its properties, the shared links owned by the configuration in the
 * adapter instance's registry, their threads from the adapter's work manager, and the MBean's counters.
 */
class MultiplexedFactoryTest extends OutboundTestBase {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Key = the last word: LineServer's "echo: k1 payload" answers "k1 payload"... so the request's last word. */
    private static final TcpCorrelation LAST_WORD = new TcpCorrelation() {
        @Override
        public Optional<String> requestKey(byte[] request) {
            return lastWord(text(request));
        }

        @Override
        public Optional<String> replyKey(byte[] frame) {
            return lastWord(text(frame));
        }

        private Optional<String> lastWord(String text) {
            int space = text.lastIndexOf(' ');
            return space < 0 ? Optional.empty() : Optional.of(text.substring(space + 1));
        }
    };

    private final TcpResourceAdapter adapter = new TcpResourceAdapter();

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    @Test
    void inPooledSynchronousModeRequestAsyncFailsAtOnceNamingTheProperty() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(managedFactoryFor(echo));

        CompletableFuture<String> reply = connection.requestAsync("hello", TIMEOUT).toCompletableFuture();

        assertThat(reply).isCompletedExceptionally();
        assertThatThrownBy(reply::join).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("set the connection factory property correlation to IN_ORDER");
    }

    @Test
    void inOrderRequestsShareTheConfigurationsLinksOnTheAdaptersWorks() throws Exception {
        // replies take a second each: the callback below is attached before its stage completes, so it runs where
        // the stage completes (with a prompt echo it could already be complete, and the callback run on the caller)
        LineServer echo = server(LineServer.Behaviour.TRICKLE);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        factory.setCorrelation("IN_ORDER");
        factory.setMultiplexedConnections(1);
        TcpConnection connection = connect(factory);

        CompletableFuture<String> first = connection.requestAsync("one", TIMEOUT).toCompletableFuture();
        CompletableFuture<String> second = connection.requestAsync("two", TIMEOUT).toCompletableFuture();
        connection.close(); // the requests stay in flight: they are the configuration's, not the handle's
        CompletableFuture<String> thread = second.thenApply(reply -> Thread.currentThread().getName());

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("echo: one");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("echo: two");
        assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("tcp-multiplex-127.0.0.1:" + echo.port()
                + "-completion-");
        String targets = "127.0.0.1:" + echo.port();
        assertThat(attribute(targets, "Correlation")).isEqualTo("IN_ORDER");
        assertThat(attribute(targets, "AsyncReplies")).isEqualTo(2L);
        assertThat((String[]) attribute(targets, "LinkStates")).singleElement().asString()
                .startsWith("link 1 connected to " + targets);
    }

    @Test
    void handlesOfAMultiplexedFactoryOpenNoSocketOfTheirOwnAndTheirBlockingRequestsShareTheLinks() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        factory.setCorrelation("IN_ORDER");
        factory.setMultiplexedConnections(1);
        List<TcpConnection> handles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            handles.add(connect(factory));
        }

        for (int i = 0; i < 3; i++) {
            assertThat(handles.get(i).request("blocking " + i)).isEqualTo("echo: blocking " + i);
            assertThat(handles.get(i).requestAsync("async " + i, TIMEOUT).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS)).isEqualTo("echo: async " + i);
        }

        assertThat(echo.accepted.get()).as("the one shared socket").isEqualTo(1);
        assertThat(attribute("127.0.0.1:" + echo.port(), "SocketsOpen")).isEqualTo(0);
        assertThatThrownBy(() -> handles.get(0).send("alone")).isInstanceOf(ResourceException.class)
                .hasMessageContaining("send needs a socket of its own").hasMessageContaining("correlation=IN_ORDER");
        assertThatThrownBy(() -> handles.get(0).receive()).hasMessageContaining("receive needs a socket of its own");
    }

    @Test
    void aKeyKindGivenThroughTheSeamPairsRepliesByKey() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        factory.keyKinds(kind -> kind.equals("LAST_WORD") ? Optional.of(LAST_WORD) : Optional.empty());
        factory.setCorrelation("last_word");
        TcpConnection connection = connect(factory);

        assertThat(connection.requestAsync("request k1", TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("echo: request k1");
        CompletableFuture<String> noKey = connection.requestAsync("nokey", TIMEOUT).toCompletableFuture();
        assertThat(noKey).isCompletedExceptionally();
        assertThatThrownBy(noKey::join).hasMessageContaining("carries no key");
    }

    @Test
    void theBuiltInKeyKindsAreChosenByTheFactorysProperties() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        factory.setCorrelation("regex");
        factory.setCorrelationPattern("request (\\w+)");
        TcpConnection connection = connect(factory);

        assertThat(connection.requestAsync("request r1", TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("echo: request r1");
        assertThatThrownBy(() -> connection.requestAsync("no key here", TIMEOUT).toCompletableFuture().join())
                .hasMessageContaining("carries no key");
    }

    @Test
    void theApplicationsOwnKeyClassIsLoadedOnTheCallersThread() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        factory.setCorrelation("CLASS");
        factory.setCorrelationClass(LastWordKeys.class.getName());
        TcpConnection connection = connect(factory);

        assertThat(connection.requestAsync("request k2", TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("echo: request k2");
    }

    @Test
    void anApplicationKeyClassThatCannotBeLoadedFailsTheRequestNamingTheProperty() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        factory.setCorrelation("CLASS");
        factory.setCorrelationClass("com.example.NoSuchKeys");
        TcpConnection connection = connect(factory);

        assertThatThrownBy(() -> connection.requestAsync("request k3", TIMEOUT).toCompletableFuture().join())
                .hasCauseInstanceOf(ResourceException.class).hasMessageContaining("correlationClass")
                .hasMessageContaining("com.example.NoSuchKeys");
    }

    /** An application's key class: public, with a public no-argument constructor. */
    public static final class LastWordKeys implements TcpCorrelation {

        @Override
        public Optional<String> requestKey(byte[] request) {
            return LAST_WORD.requestKey(request);
        }

        @Override
        public Optional<String> replyKey(byte[] frame) {
            return LAST_WORD.replyKey(frame);
        }
    }

    @Test
    void theAdaptersStopFailsTheRequestsInFlightAndClosesTheLinks() throws Exception {
        LineServer silent = server(LineServer.Behaviour.SILENT);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(silent));
        factory.setCorrelation("IN_ORDER");
        TcpConnection connection = connect(factory);
        CompletableFuture<String> pending = connection.requestAsync("never answered", Duration.ofSeconds(30))
                .toCompletableFuture();
        assertThat(silent.received.poll(5, TimeUnit.SECONDS)).isEqualTo("never answered");

        adapter.stop();

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("closed: the connection factory stopped");
    }

    @Test
    void checksTheMultiplexingPropertiesNamingPropertyAndValue() {
        TcpManagedConnectionFactory factory = factoryForHosts("127.0.0.1:7000");
        factory.setCorrelation("BY_MAGIC");
        assertThatThrownBy(factory::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("correlation").hasMessageContaining("BY_MAGIC")
                .hasMessageContaining("must be one of [NONE, IN_ORDER, ISO8583, HL7, BYTES, REGEX, CLASS]");
        factory.setCorrelation("IN_ORDER");
        factory.setMultiplexedConnections(0);
        assertThatThrownBy(factory::validate).hasMessageContaining("multiplexedConnections").hasMessageContaining("0");
        factory.setMultiplexedConnections(2);
        factory.setMaxInFlight(-1);
        assertThatThrownBy(factory::validate).hasMessageContaining("maxInFlight").hasMessageContaining("-1");
    }

    @Test
    void heartbeatsNeedSharedSocketsAndByKeyAKeyTheCorrelationReads() {
        TcpManagedConnectionFactory factory = factoryForHosts("127.0.0.1:7000");
        factory.setHeartbeatIntervalMillis(30_000);
        factory.setHeartbeatFrame("ping");
        assertThatThrownBy(factory::validate).hasMessageContaining("heartbeatIntervalMillis")
                .hasMessageContaining("set correlation");
        factory.setCorrelation("REGEX");
        factory.setCorrelationPattern("^id=(\\d+)");
        factory.setHeartbeatReplyTimeoutMillis(5_000);
        assertThatThrownBy(factory::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("heartbeatFrame").hasMessageContaining("ping")
                .hasMessageContaining("carries no key the correlation (REGEX) reads");
        factory.setHeartbeatFrame("id=0 ping");
        assertThatCode(factory::validate).doesNotThrowAnyException();
        TcpManagedConnectionFactory other = factoryForHosts("127.0.0.1:7000");
        other.setCorrelation("REGEX");
        other.setCorrelationPattern("^id=(\\d+)");
        assertThat(other).isNotEqualTo(factory);
    }

    @Test
    void withListenerLinksRequestsGoOverTheListenersSessionsAndTheirHandlesOpenNoSocket() throws Exception {
        List<String> sent = new ArrayList<>();
        TcpSession link = session("9100-a", (payload, timeout) -> {
            sent.add(text(payload) + " within " + timeout.toMillis());
            return CompletableFuture.completedFuture(new TcpMessage(("re: " + text(payload)).getBytes(UTF_8),
                    "9100-a", new InetSocketAddress(LOCALHOST, 7000), UTF_8, List.of()));
        });
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setListenerLinks(9100);
        factory.setResourceAdapter(adapterWithSessions(Map.of(9100, List.of(link))));
        TcpConnection connection = connect(factory);

        assertThat(connection.requestAsync("status?", TIMEOUT).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("re: status?");
        assertThat(connection.request("blocking")).isEqualTo("re: blocking");
        assertThat(sent).as("the blocking request waits readTimeoutMillis").containsExactly("status? within 5000",
                "blocking within 30000");
        assertThatThrownBy(() -> connection.send("alone")).hasMessageContaining("send needs a socket of its own");
    }

    @Test
    void withListenerLinksAndNoLinkConnectedARequestFailsAtOnce() throws Exception {
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setListenerLinks(9100);
        factory.setResourceAdapter(adapterWithSessions(Map.of()));
        TcpConnection connection = connect(factory);

        assertThatThrownBy(() -> connection.requestAsync("x", TIMEOUT).toCompletableFuture().join())
                .hasMessageContaining("No link of the listener on port 9100 is connected (listenerLinks)");
    }

    @Test
    void listenerLinksRefusesThePropertiesThatWouldSayOtherwise() {
        TcpManagedConnectionFactory factory = factoryForHosts("127.0.0.1:7000");
        factory.setListenerLinks(9100);
        assertThatThrownBy(factory::validate).isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("host").hasMessageContaining("does not apply with listenerLinks (9100)");
        factory.setHost("localhost"); // the default
        factory.setCorrelation("IN_ORDER");
        assertThatThrownBy(factory::validate).hasMessageContaining("correlation")
                .hasMessageContaining("set it on the listener");
        factory.setCorrelation("NONE");
        factory.setListenerLinks(0);
        assertThatThrownBy(factory::validate).hasMessageContaining("listenerLinks");
        factory.setListenerLinks(9100);
        assertThatCode(factory::validate).doesNotThrowAnyException();
    }

    private static TcpSession session(String id,
            BiFunction<byte[], Duration, CompletionStage<TcpMessage>> requests) {
        return (TcpSession) Proxy.newProxyInstance(MultiplexedFactoryTest.class.getClassLoader(),
                new Class<?>[] {TcpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "requestAsync" -> requests.apply((byte[]) args[0], (Duration) args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    // an adapter instance, as the server associates it, whose listeners hold the given sessions
    private static ResourceAdapter adapterWithSessions(Map<Integer, List<TcpSession>> byPort) {
        return (ResourceAdapter) Proxy.newProxyInstance(MultiplexedFactoryTest.class.getClassLoader(),
                new Class<?>[] {ResourceAdapter.class, TcpSessions.class}, (proxy, method, args) -> {
                    if (method.getName().equals("openSessions")) {
                        return byPort.getOrDefault((Integer) args[0], List.of());
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    return null;
                });
    }

    @Test
    void multiplexingPropertiesTellConfigurationsApart() {
        TcpManagedConnectionFactory pooled = factoryForHosts("127.0.0.1:7000");
        TcpManagedConnectionFactory multiplexed = factoryForHosts("127.0.0.1:7000");
        multiplexed.setCorrelation("IN_ORDER");
        assertThat(multiplexed).isNotEqualTo(pooled);
        pooled.setCorrelation("IN_ORDER");
        assertThat(multiplexed).isEqualTo(pooled).hasSameHashCodeAs(pooled);
        pooled.setMaxInFlight(8);
        assertThat(multiplexed).isNotEqualTo(pooled);
    }

    private TcpManagedConnectionFactory runBy(TcpManagedConnectionFactory factory) throws ResourceException {
        adapter.start(bootstrapContext());
        factory.setResourceAdapter(adapter);
        return factory;
    }

    // a work manager that runs each work on a new daemon thread
    private static BootstrapContext bootstrapContext() {
        WorkManager works = (WorkManager) Proxy.newProxyInstance(MultiplexedFactoryTest.class.getClassLoader(),
                new Class<?>[] {WorkManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("scheduleWork")) {
                        Thread thread = new Thread((Work) args[0], "test-work");
                        thread.setDaemon(true);
                        thread.start();
                    }
                    return null;
                });
        return (BootstrapContext) Proxy.newProxyInstance(MultiplexedFactoryTest.class.getClassLoader(),
                new Class<?>[] {BootstrapContext.class},
                (proxy, method, args) -> method.getName().equals("getWorkManager") ? works : null);
    }

    private static Object attribute(String targets, String attribute) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.getAttribute(new ObjectName("io.github.tcpadapter:type=ConnectionFactory,name="
                + ObjectName.quote(targets)), attribute);
    }
}
