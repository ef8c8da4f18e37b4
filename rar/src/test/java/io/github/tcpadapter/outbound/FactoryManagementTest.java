package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.adapter.TcpResourceAdapter;
import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpTimeoutException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.BootstrapContext;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection factory's MXBean: registered while its adapter instance runs and its pool holds connections, with
 * what its connections did.
 */
class FactoryManagementTest extends OutboundTestBase {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final TcpResourceAdapter adapter = new TcpResourceAdapter();

    @AfterEach
    void stopAdapter() {
        adapter.stop();
    }

    private TcpManagedConnectionFactory runBy(TcpManagedConnectionFactory factory) throws ResourceException {
        adapter.start(bootstrapContext());
        factory.setResourceAdapter(adapter);
        factory.createConnectionFactory(); // as the server does when it creates the pool
        return factory;
    }

    private BootstrapContext bootstrapContext() {
        return (BootstrapContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> null);
    }

    private static ObjectName name(String targets) throws Exception {
        return new ObjectName("io.github.tcpadapter:type=ConnectionFactory,name=" + ObjectName.quote(targets));
    }

    private Object attribute(String targets, String attribute) throws Exception {
        return server.getAttribute(name(targets), attribute);
    }

    @Test
    void showsWhatTheConnectionsDidWhileTheAdapterRunsAndIsGoneAfter() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        String targets = "127.0.0.1:" + echo.port();
        assertThat(attribute(targets, "SocketsOpen")).isEqualTo(0);
        assertThat(attribute(targets, "RequestMicrosP99")).isEqualTo(0L);

        TcpManagedConnection managed = managedConnection(factory);
        TcpConnection handle = handleOf(managed);
        for (int i = 0; i < 3; i++) {
            assertThat(text(handle.request(bytes("frame " + i)))).isEqualTo("echo: frame " + i);
        }
        assertThat(attribute(targets, "Targets")).isEqualTo(targets);
        assertThat(attribute(targets, "Framing")).asString().startsWith("LINE");
        assertThat(attribute(targets, "Tls")).isEqualTo(false);
        assertThat(attribute(targets, "Hosts")).isEqualTo(1);
        assertThat(attribute(targets, "HostsBackingOff")).isEqualTo(0);
        assertThat((String[]) attribute(targets, "HostStates")).containsExactly(targets + " up");
        assertThat(attribute(targets, "SocketsOpen")).isEqualTo(1);
        assertThat(attribute(targets, "SocketsLent")).isEqualTo(1);
        assertThat(attribute(targets, "Connects")).isEqualTo(1L);
        assertThat(attribute(targets, "Requests")).isEqualTo(3L);
        assertThat((Long) attribute(targets, "RequestMicrosP99")).isPositive()
                .isGreaterThanOrEqualTo((Long) attribute(targets, "RequestMicrosP50"));
        assertThat((Long) attribute(targets, "RequestMicrosP99LastMinute")).isPositive()
                .isGreaterThanOrEqualTo((Long) attribute(targets, "RequestMicrosP50LastMinute"));

        handle.close();
        managed.cleanup();
        assertThat(attribute(targets, "SocketsLent")).isEqualTo(0);
        assertThat(attribute(targets, "SocketsOpen")).isEqualTo(1);

        adapter.stop();
        assertThat(server.isRegistered(name(targets))).isFalse();
    }

    @Test
    void isGoneOnceThePoolDestroysItsLastWorkingConnection() throws Exception {
        // what Payara does with the pool of an application it undeploys: no call tells a factory it is dropped
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        String targets = "127.0.0.1:" + echo.port();
        TcpManagedConnection first = managedConnection(factory);
        TcpManagedConnection second = managedConnection(factory);
        assertThat(text(handleOf(first).request(bytes("hi")))).isEqualTo("echo: hi");

        first.destroy();
        assertThat(attribute(targets, "SocketsOpen")).isEqualTo(1);
        second.destroy();
        assertThat(server.isRegistered(name(targets))).isFalse();

        // the application deployed again: its own name again, and its figures from zero
        factory.createConnectionFactory();
        assertThat(attribute(targets, "Requests")).isEqualTo(0L);
    }

    @Test
    void aConnectionThatBrokeKeepsTheFiguresOfItsConfiguration() throws Exception {
        LineServer closing = server(LineServer.Behaviour.CLOSE_AFTER_READ);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(closing));
        String targets = "127.0.0.1:" + closing.port();
        TcpManagedConnection managed = managedConnection(factory);
        assertThatThrownBy(() -> handleOf(managed).request(bytes("bye"))).hasMessageContaining("closed the connection");

        managed.destroy(); // the pool destroys a connection that signalled an error
        assertThat(attribute(targets, "PeerClosures")).isEqualTo(1L);
        assertThat(attribute(targets, "SocketsOpen")).isEqualTo(0);
    }

    @Test
    void aConnectionWhosePeerClosedItKeepsItsConfigurationToo() throws Exception {
        // the pool's validation finds an idle connection the peer closed, and destroys it
        LineServer echo = server(LineServer.Behaviour.ECHO_AND_CLOSE);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(echo));
        String targets = "127.0.0.1:" + echo.port();
        TcpManagedConnection managed = managedConnection(factory);
        TcpConnection handle = handleOf(managed);
        assertThat(text(handle.request(bytes("last")))).isEqualTo("echo: last");
        handle.close();
        managed.cleanup();
        awaitTrue(() -> !managed.isValid());

        managed.destroy();
        assertThat(attribute(targets, "Requests")).isEqualTo(1L);
    }

    @Test
    void anotherConfigurationOfTheSameTargetsIsNumberedOnlyWhileBothAreInUse() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        String targets = "127.0.0.1:" + echo.port();
        TcpManagedConnectionFactory first = runBy(managedFactoryFor(echo));
        TcpManagedConnectionFactory second = managedFactoryFor(echo);
        second.setReadTimeoutMillis(1_234);
        runBy(second);
        assertThat(server.isRegistered(name(targets))).isTrue();
        assertThat(server.isRegistered(name(targets + " #2"))).isTrue();

        managedConnection(first).destroy(); // the first application's pool goes
        assertThat(server.isRegistered(name(targets))).isFalse();
        TcpManagedConnectionFactory redeployed = managedFactoryFor(echo);
        redeployed.setReadTimeoutMillis(4_321);
        runBy(redeployed);
        assertThat(server.isRegistered(name(targets))).as("the first free name").isTrue();
        assertThat(server.isRegistered(name(targets + " #3"))).isFalse();
    }

    @Test
    void eachAdapterInstanceHasItsOwnFactoriesAndStopsOnlyThose() throws Exception {
        // WildFly starts an adapter instance for each resource definition, and stops it with its application
        LineServer echo = server(LineServer.Behaviour.ECHO);
        String targets = "127.0.0.1:" + echo.port();
        TcpManagedConnectionFactory ours = runBy(managedFactoryFor(echo));
        TcpManagedConnectionFactory sameHere = runBy(managedFactoryFor(echo));
        TcpResourceAdapter otherAdapter = new TcpResourceAdapter();
        otherAdapter.start(bootstrapContext());
        try {
            TcpManagedConnectionFactory theirs = managedFactoryFor(echo);
            theirs.setResourceAdapter(otherAdapter);
            theirs.createConnectionFactory();
            assertThat(sameHere.validate().management()).isSameAs(ours.validate().management());
            assertThat(theirs.validate().management()).isNotSameAs(ours.validate().management());
            assertThat(server.isRegistered(name(targets + " #2"))).isTrue();

            otherAdapter.stop();
            assertThat(server.isRegistered(name(targets + " #2"))).isFalse();
            assertThat(server.isRegistered(name(targets))).isTrue();
        } finally {
            otherAdapter.stop();
        }
    }

    @Test
    void countsFailuresByKind() throws Exception {
        LineServer silent = server(LineServer.Behaviour.SILENT);
        TcpManagedConnectionFactory factory = runBy(managedFactoryFor(silent));
        String targets = "127.0.0.1:" + silent.port();
        TcpConnection handle = handleOf(managedConnection(factory));
        assertThatThrownBy(() -> handle.request(bytes("hello?"), Duration.ofMillis(50)))
                .isInstanceOf(TcpTimeoutException.class);

        LineServer closing = server(LineServer.Behaviour.CLOSE_AFTER_READ);
        factory.setPort(closing.port());
        factory.createConnectionFactory();
        String closingTargets = "127.0.0.1:" + closing.port();
        TcpConnection closed = handleOf(managedConnection(factory));
        assertThatThrownBy(() -> closed.request(bytes("bye"))).hasMessageContaining("closed the connection");

        assertThat(attribute(targets, "Timeouts")).isEqualTo(1L);
        assertThat(attribute(targets, "PeerClosures")).isEqualTo(0L);
        assertThat(attribute(closingTargets, "PeerClosures")).isEqualTo(1L);
        assertThat(attribute(closingTargets, "Timeouts")).isEqualTo(0L);
        assertThat(attribute(closingTargets, "Requests")).isEqualTo(0L);
    }

    @Test
    void showsATargetThatRefusesAsBackingOffUntilItsRetryIntervalEnds() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        int down = unusedPort();
        TcpManagedConnectionFactory factory = managedFactoryFor(echo);
        factory.setHost("127.0.0.1:" + down + ",127.0.0.1:" + echo.port());
        factory.setRetryIntervalMillis(60_000);
        runBy(factory);
        String targets = "127.0.0.1:" + down + ", 127.0.0.1:" + echo.port();

        managedConnection(factory);
        assertThat(attribute(targets, "ConnectFailures")).isEqualTo(1L);
        assertThat(attribute(targets, "Connects")).isEqualTo(1L);
        assertThat(attribute(targets, "HostsBackingOff")).isEqualTo(1);
        assertThat((String[]) attribute(targets, "HostStates")).satisfiesExactly(
                first -> assertThat(first).startsWith("127.0.0.1:" + down + " backing off until ")
                        .contains("(Connection refused"),
                second -> assertThat(second).isEqualTo("127.0.0.1:" + echo.port() + " up"));
    }

    @Test
    void aFactoryOutsideAnAdapterHasNoMBean() throws Exception {
        LineServer echo = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(managedFactoryFor(echo));
        assertThat(text(connection.request(bytes("hi")))).isEqualTo("echo: hi");
        assertThat(server.isRegistered(name("127.0.0.1:" + echo.port()))).isFalse();
    }
}
