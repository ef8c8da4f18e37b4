package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import jakarta.resource.spi.ConnectionEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Closing a handle from any thread: the pool gets its connection back once, and never in the middle of a call. */
class HandleCloseTest extends OutboundTestBase {

    @Test
    void aHandleClosedOnAnotherThreadGivesItsConnectionBackToThePool() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener pool = RecordingListener.on(managed);
        TcpConnection handle = handleOf(managed);
        assertThat(text(handle.request(bytes("mine")))).isEqualTo("echo: mine");

        CompletableFuture.runAsync(handle::close).get(5, TimeUnit.SECONDS);

        assertThat(pool.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(pool.events.get(0).getConnectionHandle()).isSameAs(handle);
        assertThat(managed.isLent()).isFalse();
    }

    @Test
    void aHandleIsClosedOnceWhateverTheThreads() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener pool = RecordingListener.on(managed);
        TcpConnection handle = handleOf(managed);

        List<CompletableFuture<Void>> closes = List.of(CompletableFuture.runAsync(handle::close),
                CompletableFuture.runAsync(handle::close));
        handle.close();
        for (CompletableFuture<Void> close : closes) {
            close.get(5, TimeUnit.SECONDS);
        }

        assertThat(pool.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThatThrownBy(() -> handle.request(bytes("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    // Unpooled, the connection's socket is closed when the pool gets it back: a request it cut would fail.
    @Test
    void aCloseRacingRequestsNeverCutsTheRequestUnderWay() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpConnectionFactory unpooled = factoryFor(server);
        int cutShort = 0;
        for (int round = 0; round < 100; round++) {
            TcpConnection handle = unpooled.getConnection();
            CompletableFuture<Void> close = CompletableFuture.runAsync(handle::close);
            int answered = 0;
            try {
                while (answered < 10_000) {
                    assertThat(text(handle.request(bytes("r" + answered)))).isEqualTo("echo: r" + answered);
                    answered++;
                }
            } catch (IllegalStateException closed) {
                cutShort++; // the close came between two requests, or before the first
            }
            close.get(5, TimeUnit.SECONDS);
        }
        assertThat(cutShort).as("rounds the close ended").isEqualTo(100);
    }

    // The reply of the call under way is its caller's: the pool gets the connection when that call returns.
    @Test
    void aCloseDuringARequestGivesTheConnectionBackWhenTheRequestReturns() throws Exception {
        LineServer server = server(LineServer.Behaviour.SILENT);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        RecordingListener pool = RecordingListener.on(managed);
        TcpConnection handle = handleOf(managed);
        CompletableFuture<List<Integer>> eventsAtClose = CompletableFuture.supplyAsync(() -> {
            try {
                assertThat(server.received.poll(5, TimeUnit.SECONDS)).isEqualTo("question"); // the call is under way
                handle.close();
                List<Integer> seen = pool.ids();
                server.pushToClients("answer");
                return seen;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        byte[] reply = handle.request(bytes("question"));

        assertThat(eventsAtClose.get(5, TimeUnit.SECONDS)).as("events when close() returned").isEmpty();
        assertThat(text(reply)).isEqualTo("answer");
        assertThat(pool.ids()).containsExactly(ConnectionEvent.CONNECTION_CLOSED);
        assertThat(managed.isLent()).isFalse();
        assertThat(managed.isValid()).isTrue();
        assertThatThrownBy(() -> handle.receive()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
