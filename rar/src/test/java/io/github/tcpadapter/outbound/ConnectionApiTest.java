package io.github.tcpadapter.outbound;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpMetaData;
import io.github.tcpadapter.api.TcpTimeoutException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The methods of {@link TcpConnection} and {@link TcpConnectionFactory} beyond plain request and send. */
class ConnectionApiTest extends OutboundTestBase {

    @Test
    void textIsEncodedAndDecodedWithTheFactorysCharset() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO); // reads and writes UTF-8
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setCharset("ISO-8859-1");
        TcpConnection connection = connect(factory);

        String reply = connection.request("caf\u00e9");

        // the Latin-1 byte E9 is no UTF-8: the server saw a replacement character and echoed it in UTF-8
        assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("caf\ufffd");
        assertThat(reply).isEqualTo(new String("echo: caf\ufffd".getBytes(UTF_8), ISO_8859_1));
    }

    @Test
    void sendStringWritesOneFrameInTheCharset() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpConnection connection = connect(factoryFor(server));

        connection.send("na\u00efve");

        assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("na\u00efve");
    }

    @Test
    void receiveReadsFramesThePeerSendsUnasked() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO_TWICE);
        TcpConnection connection = connect(factoryFor(server));

        assertThat(text(connection.request(bytes("one")))).isEqualTo("echo: one");
        assertThat(text(connection.receive(Duration.ofSeconds(5)))).isEqualTo("extra: one");
    }

    @Test
    void aGreetingOnANewSocketIsKeptForItsFirstUser() throws Exception {
        LineServer server = server(LineServer.Behaviour.GREET);
        TcpConnection connection = connect(factoryFor(server));

        assertThat(text(connection.receive())).isEqualTo("hello");
        assertThat(connection.request("after the greeting")).isEqualTo("echo: after the greeting");
    }

    @Test
    void aResetDuringARequestNamesThePeerAndTheCause() throws Exception {
        LineServer server = server(LineServer.Behaviour.RESET_AFTER_READ);
        TcpConnection connection = connect(factoryFor(server));

        assertThatThrownBy(() -> connection.request("reset me"))
                .isInstanceOf(ResourceException.class)
                .hasMessage("Reading from " + LOCALHOST + ":" + server.port() + " failed: Connection reset");
    }

    @Test
    void aPerCallTimeoutOverridesTheReadTimeoutAndBreaksTheConnection() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener listener = RecordingListener.on(managed);
        TcpConnection handle = handleOf(managed);

        long start = System.nanoTime();
        TcpTimeoutException timeout = catchThrowableOfType(TcpTimeoutException.class,
                () -> handle.request(bytes("anyone?"), Duration.ofMillis(200)));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(timeout).hasMessage("No reply from " + LOCALHOST + ":" + server.port()
                + " within 200 ms; the connection is closed");
        assertThat(elapsedMillis).isBetween(150L, 4_000L);
        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        assertThat(managedFactoryFor(server).matchManagedConnections(Set.of(managed), null, null))
                .as("a timed-out connection is never matched again").isNull();
        assertThatThrownBy(() -> handle.request(bytes("again"))).hasMessageContaining("broken");
    }

    @Test
    void receiveTimesOutWithATimeoutException() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener listener = RecordingListener.on(managed);
        TcpConnection handle = handleOf(managed);

        assertThatThrownBy(() -> handle.receive(Duration.ofMillis(100)))
                .isInstanceOf(TcpTimeoutException.class)
                .hasMessageContaining("Nothing received from " + LOCALHOST + ":" + server.port() + " within 100 ms");
        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
    }

    @Test
    void receiveUsesTheReadTimeoutWithoutAnArgument() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setReadTimeoutMillis(150);
        TcpConnection connection = connect(factory);

        assertThatThrownBy(connection::receive).isInstanceOf(TcpTimeoutException.class)
                .hasMessageContaining("within 150 ms");
    }

    @Test
    void aTimeoutBelowOneMillisecondIsRefused() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));

        assertThatThrownBy(() -> connection.receive(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> connection.request(bytes("x"), Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(text(connection.request(bytes("still fine")))).isEqualTo("echo: still fine");
    }

    @Test
    void aHandleRefusesCallsFromAnotherThread() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnection connection = connect(factoryFor(server));

        Throwable fromOtherThread = CompletableFuture.supplyAsync(() -> {
            try {
                connection.request(bytes("not mine"));
                return null;
            } catch (Throwable e) {
                return e;
            }
        }).get(5, TimeUnit.SECONDS);

        assertThat(fromOtherThread).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to thread '" + Thread.currentThread().getName() + "'");
        assertThat(text(connection.request(bytes("mine")))).isEqualTo("echo: mine");
    }

    @Test
    void factoryMetaDataNamesTheAdapterAndThePeers() throws Exception {
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost("a.example:4001, b.example");
        factory.setPort(4000);

        TcpMetaData metaData = ((TcpConnectionFactory) factory.createConnectionFactory()).getMetaData();

        assertThat(metaData.productName()).isEqualTo("TCP Resource Adapter");
        assertThat(metaData.productVersion()).isNotBlank();
        assertThat(metaData.peer()).isEqualTo("a.example:4001, b.example:4000");
        assertThat(metaData.maxConnections()).isZero();
    }

    @Test
    void managedConnectionMetaDataNamesTheAdapterAndThePeer() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));

        var metaData = managed.getMetaData();

        assertThat(metaData.getEISProductName())
                .isEqualTo("TCP Resource Adapter (peer " + LOCALHOST + ":" + server.port() + ")");
        assertThat(metaData.getEISProductVersion()).isNotBlank();
        assertThat(metaData.getMaxConnections()).isZero();
        assertThat(metaData.getUserName()).isEmpty();
    }
}
