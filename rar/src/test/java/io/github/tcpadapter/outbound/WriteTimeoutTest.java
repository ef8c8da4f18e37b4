package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpTimeoutException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A peer that stops taking bytes cannot hold the caller: each write is bounded by writeTimeoutMillis. */
class WriteTimeoutTest extends OutboundTestBase {

    private static final int WRITE_TIMEOUT_MILLIS = 300;
    // far more than the kernel buffers of both sides hold: the write has to wait for the peer
    private static final byte[] LARGE = filled(4 * 1024 * 1024);

    private StallingPeer peer;

    @AfterEach
    void stopPeer() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    // before writes had a timeout, each case hung until assertTimeoutPreemptively gave up
    @ParameterizedTest(name = "trickle: {0}, request: {1}")
    @CsvSource({"false, true", "false, false", "true, true"})
    void aPeerThatDoesNotTakeTheFrameFailsTheCallAfterTheWriteTimeout(boolean trickle, boolean request)
            throws Exception {
        peer = new StallingPeer(trickle);
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost(LOCALHOST);
        factory.setPort(peer.port());
        factory.setWriteTimeoutMillis(WRITE_TIMEOUT_MILLIS);
        factory.setMaxFrameLength(LARGE.length);
        factory.setSendBufferSize(8_192);
        TcpManagedConnection managed = managedConnection(factory);
        RecordingListener listener = RecordingListener.on(managed);

        long start = System.nanoTime();
        TcpTimeoutException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(TcpTimeoutException.class, () -> {
                    TcpConnection handle = handleOf(managed); // a handle belongs to the thread that took it
                    if (request) {
                        handle.request(LARGE);
                    } else {
                        handle.send(LARGE);
                    }
                }));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(failure).isNotNull().hasMessage("Writing to " + LOCALHOST + ":" + peer.port()
                + " did not complete within " + WRITE_TIMEOUT_MILLIS + " ms; the connection is closed");
        assertThat(elapsedMillis).isBetween((long) WRITE_TIMEOUT_MILLIS, 5_000L);
        assertThat(listener.ids()).containsExactly(ConnectionEvent.CONNECTION_ERROR_OCCURRED);
        assertThat(listener.events.get(0).getException()).isSameAs(failure);
        assertThat(managed.isUsable()).isFalse();
        assertThat(catchThrowableOfType(ResourceException.class, () -> handleOf(managed)))
                .hasMessageContaining("broken");
    }

    // the pool may destroy a connection in use (undeployment): the write must end then, not at its timeout
    @Test
    void destroyingTheConnectionEndsAWriteThatWaits() throws Exception {
        peer = new StallingPeer(false);
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost(LOCALHOST);
        factory.setPort(peer.port());
        factory.setWriteTimeoutMillis(30_000);
        factory.setMaxFrameLength(LARGE.length);
        TcpManagedConnection managed = managedConnection(factory);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> write = writer.submit(() -> {
                handleOf(managed).send(LARGE);
                return null;
            });
            awaitTrue(() -> peer.unreadBytes() > 0); // the write is under way, and soon waits for the peer

            managed.destroy();

            assertThat(catchThrowableOfType(ExecutionException.class, () -> write.get(5, TimeUnit.SECONDS)))
                    .cause().isInstanceOf(ResourceException.class)
                    .hasMessage("Writing to " + LOCALHOST + ":" + peer.port() + " failed: the connection was closed");
        } finally {
            writer.shutdownNow();
        }
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'x');
        return bytes;
    }
}
