package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.testing.LogCapture;
import jakarta.resource.ResourceException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A saturated work manager makes starting and stopping a listener slow, never endless: the start fails within
 * {@link InboundListener#BIND_MILLIS} when the event loop gets no thread, and the stop returns within
 * {@code shutdownTimeoutMillis} (plus the bound on ending the event loop) when the event loop is stuck, each with a
 * line that says what is left. The event loops' works carry the long-running hint.
 */
class ListenerBoundsTest extends ListenerTestSupport {

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    void aStartWhoseEventLoopGetsNoThreadFailsWithinItsBound() throws Exception {
        LogCapture log = captureLog(InboundListener.class);
        workManager.longRunningStart = new CountDownLatch(1);
        try {
            assertThatThrownBy(this::startListener).isInstanceOf(ResourceException.class)
                    .hasMessageContaining("no thread within " + InboundListener.BIND_MILLIS + " ms");
            assertThat(log.lines(Level.WARNING)).singleElement().asString().contains("event loops' works");
        } finally {
            workManager.longRunningStart.countDown(); // the work runs late: it ends at once, without binding
        }
        assertThat(workManager.awaitAllDone()).isTrue();
        assertThat(portIsFree()).isTrue();
    }

    @Test
    void aStartWhoseEventLoopGetsItsThreadLateSucceeds() throws Exception {
        workManager.longRunningStart = new CountDownLatch(1);
        CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
            try {
                startListener();
            } catch (ResourceException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(workManager.longRunningWaiting.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(started).isNotDone();
        workManager.longRunningStart.countDown();
        started.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertAnswered(client(), "late but running");
    }

    @Test
    @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
    void aStopWhileTheEventLoopIsStuckReturnsWithinTheShutdownTimeout() throws Exception {
        LogCapture log = captureLog(InboundListener.class);
        startListener(spec -> spec.setShutdownTimeoutMillis(200));
        // the event loop hands a new connection's onConnect to the work manager, which blocks it
        workManager.blockFrom = "-io-";
        try {
            Socket client = client();
            assertThat(workManager.blocking.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
            stopListener();
            assertThat(log.lines(Level.WARNING)).anyMatch(line -> line.contains("listening socket still not closed"))
                    .anyMatch(line -> line.contains("event loops' works still not ended"));
            client.close();
        } finally {
            workManager.unblock.countDown();
        }
        // the blocked event loop goes on: the connection's calls are made late, the last of them onDisconnect
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
    }

    @Test
    void theEventLoopRunsAsALongRunningWorkAndWithoutHintsWhereTheServerHasNone() throws Exception {
        workManager.supportsHints = false;
        startListener();
        assertAnswered(client(), "no hints");
        assertThat(workManager.longRunningWorks).hasValue(0);
    }

    @Test
    void onlyTheEventLoopsAreLongRunningWorks() throws Exception {
        startListener(spec -> spec.setIoThreads(3));
        assertThat(workManager.longRunningWorks).as("every loop's thread taken at the start").hasValue(3);
        assertAnswered(client(), "hinted");
        assertThat(workManager.longRunningWorks).hasValue(3);
    }
}
