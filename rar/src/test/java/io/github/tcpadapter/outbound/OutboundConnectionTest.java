package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundConnectionTest extends OutboundTestBase {

    // ---- through the unpooled connection factory ----

    @Test
    void requestReturnsThePeersReply() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));

        assertThat(text(connection.request(bytes("hello")))).isEqualTo("echo: hello");
        assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
    }

    @Test
    void severalRequestsShareOneConnection() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));

        for (int i = 0; i < 5; i++) {
            assertThat(text(connection.request(bytes("request " + i)))).isEqualTo("echo: request " + i);
        }
        assertThat(text(connection.request(new byte[0]))).isEqualTo("echo: ");
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void eachUnpooledConnectionHasItsOwnSocket() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnectionFactory factory = factoryFor(server);
        TcpConnection first = connect(factory);
        TcpConnection second = connect(factory);

        assertThat(text(second.request(bytes("b")))).isEqualTo("echo: b");
        assertThat(text(first.request(bytes("a")))).isEqualTo("echo: a");
        assertThat(server.accepted).hasValue(2);
    }

    @Test
    void sendWritesOneFrame() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpConnection connection = connect(factoryFor(server));

        connection.send(bytes("fire"));
        connection.send(bytes("and forget"));

        assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("fire");
        assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("and forget");
    }

    @Test
    void handleUsedAfterCloseThrowsIllegalState() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));
        connection.request(bytes("ping"));

        connection.close();

        assertThatThrownBy(() -> connection.request(bytes("ping"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> connection.send(bytes("ping"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));

        connection.close();
        connection.close();

        assertThatThrownBy(() -> connection.request(bytes("ping"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAnUnpooledConnectionClosesItsSocket() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));
        connection.request(bytes("ping"));

        connection.close();

        assertThat(server.disconnected.tryAcquire(5, TimeUnit.SECONDS)).as("peer saw the socket close").isTrue();
    }

    @Test
    void requestFailsWhenThePeerNeverAnswers() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setReadTimeoutMillis(300);
        TcpConnection connection = connect(factory);

        long start = System.nanoTime();
        ResourceException failure = catchThrowableOfType(ResourceException.class,
                () -> connection.request(bytes("anyone?")));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).isNotNull()
                .hasMessageContaining("No reply from " + LOCALHOST + ":" + server.port())
                .hasMessageContaining("within 300 ms");
        assertThat(elapsedMillis).isBetween(250L, 4_000L);
        assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("anyone?");
    }

    @Test
    void readTimeoutBoundsTheWholeReplyNotEachRead() throws Exception {
        LineServer server = server(LineServer.Behaviour.TRICKLE);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setReadTimeoutMillis(300);
        TcpConnection connection = connect(factory);

        // each byte comes well within the timeout, the whole reply (2 s) does not
        assertThatThrownBy(() -> connection.request(bytes("slowly")))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("within 300 ms");
    }

    @Test
    void requestFailsWhenThePeerClosesMidRequest() throws Exception {
        LineServer server = server(LineServer.Behaviour.CLOSE_AFTER_READ);
        TcpConnection connection = connect(factoryFor(server));

        assertThatThrownBy(() -> connection.request(bytes("bye?")))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining(LOCALHOST + ":" + server.port())
                .hasMessageContaining("closed the connection");
    }

    @Test
    void connectionRefusedNamesHostAndPort() throws Exception {
        int port = unusedPort();
        TcpManagedConnectionFactory managedFactory = new TcpManagedConnectionFactory();
        managedFactory.setHost(LOCALHOST);
        managedFactory.setPort(port);
        TcpConnectionFactory factory = (TcpConnectionFactory) managedFactory.createConnectionFactory();

        assertThatThrownBy(factory::getConnection)
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("Cannot connect to " + LOCALHOST + ":" + port);
    }

    @Test
    void payloadContainingLfIsRefusedAndTheConnectionStillWorks() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));

        assertThatThrownBy(() -> connection.request(bytes("two\nlines")))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("Cannot frame the payload")
                .hasMessageContaining("LF");
        assertThatThrownBy(() -> connection.send(bytes("two\nlines")))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("LF");

        assertThat(text(connection.request(bytes("one line")))).isEqualTo("echo: one line");
        assertThat(server.accepted).hasValue(1);
        assertThat(server.received.poll(5, TimeUnit.SECONDS)).as("nothing of the refused payloads was sent")
                .isEqualTo("one line");
    }

    @Test
    void payloadOverMaxFrameLengthIsRefusedAndTheConnectionStillWorks() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setMaxFrameLength(20);
        TcpConnection connection = connect(factory);

        assertThatThrownBy(() -> connection.request(bytes("x".repeat(21))))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("maxFrameLength 20");
        assertThat(text(connection.request(bytes("short")))).isEqualTo("echo: short");
    }

    @Test
    void replyOverMaxFrameLengthBreaksTheRequest() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setMaxFrameLength(10);
        TcpConnection connection = connect(factory);

        // the request fits, the reply "echo: 0123456789" does not
        assertThatThrownBy(() -> connection.request(bytes("0123456789")))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("Invalid frame from " + LOCALHOST + ":" + server.port());
    }

    // ---- the managed connection itself ----

    @Test
    void managedConnectionServesRequestsThroughItsHandle() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));

        Object handle = managed.getConnection(null, null);

        assertThat(handle).isInstanceOf(TcpConnectionHandle.class);
        assertThat(text(((TcpConnection) handle).request(bytes("direct")))).isEqualTo("echo: direct");
        assertThat(managed.getMetaData().getEISProductName()).contains(LOCALHOST + ":" + server.port());
    }

    @Test
    void brokenRequestFiresConnectionErrorOccurred() throws Exception {
        LineServer server = server(LineServer.Behaviour.CLOSE_AFTER_READ);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener listener = RecordingListener.on(managed);
        TcpConnection handle = (TcpConnection) managed.getConnection(null, null);

        ResourceException failure = catchThrowableOfType(ResourceException.class,
                () -> handle.request(bytes("ping")));

        assertThat(failure).isNotNull();
        assertThat(listener.events).hasSize(1);
        ConnectionEvent event = listener.events.get(0);
        assertThat(event.getId()).isEqualTo(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        assertThat(event.getSource()).isSameAs(managed);
        assertThat(event.getConnectionHandle()).isSameAs(handle);
        assertThat(event.getException()).isSameAs(failure);
    }

    @Test
    void brokenConnectionRefusesFurtherUse() throws Exception {
        LineServer server = server(LineServer.Behaviour.CLOSE_AFTER_READ);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        TcpConnection handle = (TcpConnection) managed.getConnection(null, null);
        assertThatThrownBy(() -> handle.request(bytes("ping"))).isInstanceOf(ResourceException.class);

        assertThatThrownBy(() -> handle.request(bytes("again")))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("broken");
        assertThatThrownBy(() -> managed.getConnection(null, null))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("broken");
    }

    @Test
    void timeoutFiresConnectionErrorOccurred() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setReadTimeoutMillis(300);
        TcpManagedConnection managed = managedConnection(factory);
        RecordingListener listener = RecordingListener.on(managed);
        TcpConnection handle = (TcpConnection) managed.getConnection(null, null);

        assertThatThrownBy(() -> handle.request(bytes("ping"))).hasMessageContaining("within 300 ms");

        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
    }

    @Test
    void handleCloseFiresConnectionClosedOnce() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener listener = RecordingListener.on(managed);
        TcpConnection handle = (TcpConnection) managed.getConnection(null, null);
        handle.request(bytes("ping"));

        handle.close();
        handle.close();

        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(listener.events.get(0).getConnectionHandle()).isSameAs(handle);
        assertThat(listener.events.get(0).getSource()).isSameAs(managed);
        // the socket stays open for the pool: a new handle works on the same connection
        TcpConnection next = (TcpConnection) managed.getConnection(null, null);
        assertThat(text(next.request(bytes("again")))).isEqualTo("echo: again");
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void removedListenerGetsNoEvents() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener listener = RecordingListener.on(managed);
        managed.removeConnectionEventListener(listener);

        ((TcpConnection) managed.getConnection(null, null)).close();

        assertThat(listener.events).isEmpty();
    }

    @Test
    void destroyInvalidatesHandlesAndTheConnection() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        TcpConnection handle = (TcpConnection) managed.getConnection(null, null);

        managed.destroy();

        assertThatThrownBy(() -> handle.request(bytes("ping"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> managed.getConnection(null, null))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("destroyed");
        assertThat(server.disconnected.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void cleanupInvalidatesHandlesButKeepsTheSocket() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        TcpConnection handle = (TcpConnection) managed.getConnection(null, null);

        managed.cleanup();

        assertThatThrownBy(() -> handle.request(bytes("ping"))).isInstanceOf(IllegalStateException.class);
        TcpConnection next = (TcpConnection) managed.getConnection(null, null);
        assertThat(text(next.request(bytes("still here")))).isEqualTo("echo: still here");
    }

    @Test
    void associateConnectionMovesAHandle() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        TcpManagedConnection first = managedConnection(factory);
        TcpManagedConnection second = managedConnection(factory);
        RecordingListener firstListener = new RecordingListener();
        RecordingListener secondListener = new RecordingListener();
        first.addConnectionEventListener(firstListener);
        second.addConnectionEventListener(secondListener);
        TcpConnection handle = (TcpConnection) first.getConnection(null, null);

        second.associateConnection(handle);
        first.destroy();

        assertThat(text(handle.request(bytes("moved")))).isEqualTo("echo: moved");
        handle.close();
        assertThat(firstListener.events).isEmpty();
        assertThat(secondListener.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
    }

    @Test
    void associateConnectionRefusesForeignObjects() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));

        assertThatThrownBy(() -> managed.associateConnection("not a handle"))
                .isInstanceOf(ResourceException.class);
    }

    @Test
    void transactionsAreNotSupported() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));

        assertThatThrownBy(managed::getXAResource).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(managed::getLocalTransaction).isInstanceOf(NotSupportedException.class);
    }

    @Test
    void matchManagedConnectionsReturnsTheConnectionForAnEqualFactory() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        Set<Object> candidates = new HashSet<>(List.of("not a connection", managed));

        assertThat(managedFactoryFor(server).matchManagedConnections(candidates, null, null)).isSameAs(managed);
    }

    @Test
    void matchManagedConnectionsReturnsNullForAFactoryWithAnotherPort() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        TcpManagedConnectionFactory other = managedFactoryFor(server);
        other.setPort(server.port() == 65_535 ? 65_534 : server.port() + 1);

        assertThat(other.matchManagedConnections(Set.of(managed), null, null)).isNull();
    }

    @Test
    void matchManagedConnectionsSkipsBrokenConnections() throws Exception {
        LineServer server = server(LineServer.Behaviour.CLOSE_AFTER_READ);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        TcpManagedConnection managed = managedConnection(factory);
        TcpConnection handle = (TcpConnection) managed.getConnection(null, null);
        assertThatThrownBy(() -> handle.request(bytes("ping"))).isInstanceOf(ResourceException.class);

        assertThat(factory.matchManagedConnections(Set.of(managed), null, null)).isNull();
    }
}
