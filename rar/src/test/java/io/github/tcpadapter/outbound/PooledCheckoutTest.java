package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpConnection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What happens when the pool lends a connection again: the look at the idle socket, cleanup and validation. */
class PooledCheckoutTest extends OutboundTestBase {

    @ParameterizedTest(name = "reset: {0}")
    @ValueSource(booleans = {false, true})
    void aSocketThePeerClosedWhileIdleIsReplacedTransparently(boolean reset) throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener listener = RecordingListener.on(managed);
        TcpConnection first = handleOf(managed);
        assertThat(text(first.request(bytes("before")))).isEqualTo("echo: before");
        first.close();
        managed.cleanup();

        server.dropClients(reset); // the peer restarts while the connection is idle in the pool
        awaitTrue(() -> !managed.isValid());

        TcpConnection next = handleOf(managed);
        assertThat(text(next.request(bytes("after")))).isEqualTo("echo: after");
        assertThat(server.accepted).hasValue(2);
        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(managed.isValid()).isTrue();
    }

    // Payara opens two sockets on the first getConnection and lends one: the other waits in the pool, never lent
    @ParameterizedTest(name = "reset: {0}")
    @ValueSource(booleans = {false, true})
    void aNeverLentSocketThePeerClosedIsReplacedTransparently(boolean reset) throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener listener = RecordingListener.on(managed);
        awaitTrue(() -> server.accepted.get() == 1);

        server.dropClients(reset); // the peer restarts before the pool ever lends the connection
        awaitTrue(() -> !managed.isValid());

        TcpConnection first = handleOf(managed);
        assertThat(text(first.request(bytes("first")))).isEqualTo("echo: first");
        assertThat(server.accepted).hasValue(2);
        assertThat(listener.ids()).isEmpty();
    }

    @Test
    void theCheckoutOfANeverLentSocketKeepsTheGreetingForItsUser() throws Exception {
        LineServer server = server(LineServer.Behaviour.GREET);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        assertThat(server.greeted.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

        TcpConnection first = handleOf(managed);

        assertThat(text(first.receive(Duration.ofSeconds(5)))).isEqualTo("hello");
        assertThat(text(first.request(bytes("next")))).isEqualTo("echo: next");
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void aNeverLentSocketClosedAfterItsGreetingIsReplacedAndTheNewGreetingKept() throws Exception {
        LineServer server = server(LineServer.Behaviour.GREET);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        assertThat(server.greeted.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        server.dropClients(false); // the old greeting sits in the socket, the peer's close behind it

        TcpConnection first = handleOf(managed);

        assertThat(text(first.receive(Duration.ofSeconds(5)))).isEqualTo("hello");
        assertThat(text(first.request(bytes("next")))).isEqualTo("echo: next");
        assertThat(server.accepted).hasValue(2);
    }

    @Test
    void whenTheReconnectFailsTheCheckoutFailsAndThePoolIsTold() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        handleOf(managed).close(); // lent once and back in the pool
        managed.cleanup();
        RecordingListener listener = RecordingListener.on(managed);
        server.close(); // the peer goes away for good
        awaitTrue(() -> !managed.isValid());

        assertThatThrownBy(() -> handleOf(managed))
                .isInstanceOf(ResourceException.class)
                .hasMessageStartingWith("Cannot connect to " + LOCALHOST + ":" + server.port() + " (");
        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        assertThat(managed.isUsable()).isFalse();
    }

    @Test
    void aReplyEndedByThePeerClosingIsReturnedAndThePoolDestroysTheConnection() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO_AND_CLOSE);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setFraming("RAW");
        factory.setRawUntilClose(true);
        TcpManagedConnection managed = managedConnection(factory);
        RecordingListener listener = RecordingListener.on(managed);

        assertThat(text(handleOf(managed).request(bytes("ping\n")))).isEqualTo("echo: ping\n");

        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        assertThat(managed.isUsable()).isFalse();
    }

    @Test
    void cleanupDiscardsWhatTheLastUserLeftUnread() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO_TWICE);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        TcpConnection first = handleOf(managed);
        // the reply's second line arrives with the first, in one segment, and stays unread
        assertThat(text(first.request(bytes("one")))).isEqualTo("echo: one");
        first.close();

        managed.cleanup();

        TcpConnection next = handleOf(managed);
        assertThat(text(next.request(bytes("two")))).isEqualTo("echo: two");
        assertThat(text(next.receive(Duration.ofSeconds(5)))).isEqualTo("extra: two");
    }

    @Test
    void theValidatorReportsDeadAndBrokenConnectionsOnly() throws Exception {
        LineServer live = server(LineServer.Behaviour.ECHO);
        LineServer restarting = server(LineServer.Behaviour.ECHO);
        LineServer silent = server(LineServer.Behaviour.SILENT);
        TcpManagedConnection healthy = managedConnection(managedFactoryFor(live));
        TcpManagedConnection dead = managedConnection(managedFactoryFor(restarting));
        TcpManagedConnection timedOut = managedConnection(managedFactoryFor(silent));
        assertThatThrownBy(() -> handleOf(timedOut).request(bytes("x"), Duration.ofMillis(50)))
                .isInstanceOf(ResourceException.class);
        restarting.dropClients(false);
        awaitTrue(() -> !dead.isValid());

        Set<Object> invalid = invalidConnections(managedFactoryFor(live), Set.of(healthy, dead, timedOut, "other"));

        assertThat(invalid).hasSize(2).contains(dead, timedOut);
    }

    @Test
    void theValidatorsLookLosesNoBytes() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO_TWICE);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        TcpConnection handle = handleOf(managed);
        assertThat(text(handle.request(bytes("one")))).isEqualTo("echo: one");

        assertThat(invalidConnections(managedFactoryFor(server), Set.of(managed))).isEmpty();

        assertThat(text(handle.receive(Duration.ofSeconds(5)))).isEqualTo("extra: one");
    }

    // the Connectors API takes and returns a raw Set
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Set<Object> invalidConnections(TcpManagedConnectionFactory factory, Set<?> connections)
            throws ResourceException {
        return new HashSet<Object>(factory.getInvalidConnections((Set) connections));
    }
}
