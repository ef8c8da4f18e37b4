package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.inbound.delivery.InlineGuard;
import io.github.tcpadapter.testing.LogCapture;
import java.io.IOException;
import java.net.Socket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * Which threads serve a listener: {@code ioThreads} event loops share its connections, a delivery work calls the
 * bean, or with {@code delivery=INLINE} the event loop itself, until a slow call sends the calls to works for a
 * while. A batch of calls takes one endpoint.
 */
class ListenerThreadsTest extends ListenerTestSupport {

    @Test
    void connectionsAreSpreadAcrossTheEventLoops() throws Exception {
        startListener(spec -> {
            spec.setIoThreads(3);
            spec.setDelivery("INLINE");
        });
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            threads.add(callingThread(client()));
        }
        assertThat(threads).hasSize(3).allMatch(name -> name.startsWith("tcp-listener-" + port + "-io-"));
    }

    @Test
    void byDefaultAWorkCallsTheBean() throws Exception {
        startListener();
        assertThat(callingThread(client())).startsWith("tcp-listener-" + port + "-delivery-");
    }

    @Test
    void inlineCallsKeepEachConnectionsOrder() throws Exception {
        startListener(spec -> spec.setDelivery("INLINE"));
        Socket client = client();
        StringBuilder pipelined = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            pipelined.append("frame ").append(i).append('\n');
        }
        send(client, pipelined.toString());
        for (int i = 0; i < 200; i++) {
            assertThat(readLine(client)).isEqualTo("ok: frame " + i);
        }
    }

    @Test
    void aSlowInlineCallSendsTheCallsToWorksForAWhile() throws Exception {
        LogCapture log = captureLog(InlineGuard.class);
        startListener(spec -> {
            spec.setDelivery("INLINE");
            spec.setInlineMaxMillis(20);
        });
        Socket slow = client();
        Socket other = client();
        assertThat(callingThread(other)).contains("-io-");
        send(slow, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        // the watchdog sees the call still running on its loop, before it returns
        awaitTrue("the slow call seen", () -> !log.lines(Level.WARNING).isEmpty());
        endpoints.releaseHold.countDown();
        assertThat(readLine(slow)).isEqualTo("ok: hold");
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("has been running for").contains("inlineMaxMillis 20").contains("for 1000 ms");

        assertThat(callingThread(other)).contains("-delivery-");
        // after the hand-off's second, the calls run inline again
        awaitTrue("inline again", () -> callingThreadUnchecked(other).contains("-io-"));
        assertThat(log.lines(Level.WARNING)).hasSize(1);
    }

    @Test
    void anEndpointRefusedToAnInlineCallIsCalledAgainOnAWork() throws Exception {
        startListener(spec -> {
            spec.setDelivery("INLINE");
            spec.setOnError("CONTINUE");
        });
        Socket client = client();
        assertThat(endpoints.connected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
        // the replies a work writes for the retried calls must not be overtaken by those of the next calls inline
        for (int round = 0; round < 50; round++) {
            send(client, "boom\n"); // the loop gives its endpoint up, so its next call asks for one
            awaitTrue("the failed endpoint given back", () -> endpoints.released.get() == endpoints.created.get());
            endpoints.refuseNext.set(1);
            send(client, "first " + round + "\n");
            send(client, "second " + round + "\n");
            assertThat(readLine(client)).isEqualTo("ok: first " + round);
            assertThat(readLine(client)).isEqualTo("ok: second " + round);
        }
        assertThat(endpoints.refusedAsFull).hasValue(50);
    }

    @Test
    void theLoopsKeepTheirEndpointFromOneCallToTheNext() throws Exception {
        startListener(spec -> {
            spec.setDelivery("INLINE");
            spec.setIoThreads(1);
        });
        Socket client = client();
        for (int i = 0; i < 20; i++) {
            assertAnswered(client, "frame " + i);
        }
        assertThat(endpoints.created).hasValue(1);
        stopListener();
        assertThat(endpoints.released).as("given back when the listener stops").hasValue(1);
    }

    @Test
    void aLoopStillInACallWhenTheListenerStopsGivesItsEndpointBackWhenTheCallReturns() throws Exception {
        startListener(spec -> {
            spec.setDelivery("INLINE");
            spec.setShutdownTimeoutMillis(50);
        });
        Socket client = client();
        send(client, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        stopListener(); // gives up on the loop after its bound
        assertThat(endpoints.released.get()).isLessThan(endpoints.created.get());
        endpoints.releaseHold.countDown();
        awaitTrue("the loop's endpoint given back", () -> endpoints.released.get() == endpoints.created.get());
    }

    @Test
    void aBatchOfCallsTakesOneEndpoint() throws Exception {
        startListener();
        Socket client = client();
        awaitTrue("onConnect's batch ended", () -> endpoints.released.get() == 1);
        send(client, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        for (int i = 0; i < 10; i++) {
            send(client, "queued " + i + "\n");
        }
        awaitTrue("the frames queued", () -> listener.pendingFrames() == 10);
        endpoints.releaseHold.countDown();
        assertThat(readLine(client)).isEqualTo("ok: hold");
        for (int i = 0; i < 10; i++) {
            assertThat(readLine(client)).isEqualTo("ok: queued " + i);
        }
        // one for onConnect, one for the batch of eleven frames
        assertThat(endpoints.created).hasValue(2);
    }

    @Test
    void aCallThatFailedLeavesItsEndpointAndTheNextTakesANewOne() throws Exception {
        startListener(spec -> spec.setOnError("CONTINUE"));
        Socket client = client();
        awaitTrue("onConnect's batch ended", () -> endpoints.released.get() == 1);
        send(client, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        send(client, "boom\nafter\n");
        awaitTrue("the frames queued", () -> listener.pendingFrames() == 2);
        endpoints.releaseHold.countDown();
        assertThat(readLine(client)).isEqualTo("ok: hold");
        assertThat(readLine(client)).isEqualTo("ok: after");
        assertThat(endpoints.created).hasValue(3);
    }

    private static String callingThread(Socket client) throws IOException {
        send(client, "thread\n");
        String reply = readLine(client);
        assertThat(reply).startsWith("ok: thread ");
        return reply.substring("ok: thread ".length());
    }

    private static String callingThreadUnchecked(Socket client) {
        try {
            return callingThread(client);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyLoopsThreadIsHandedBackOnStop() throws Exception {
        startListener(spec -> spec.setIoThreads(4));
        List<Socket> connected = List.of(client(), client(), client(), client());
        for (Socket client : connected) {
            assertAnswered(client, "x");
        }
        stopListener();
        assertThat(workManager.awaitAllDone()).isTrue();
        assertThat(portIsFree()).isTrue();
    }
}
