package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Refusals by the server (no bean, no thread) are transient: the call waits and is made later, no client is closed
 * for them, onConnect and onDisconnect stay paired, and the delivery limit they lowered climbs back.
 */
class SelfHealingTest extends ListenerTestSupport {

    @Test
    void withoutEndpointsACallWaitsUntilTheServerHasThemAgain() throws Exception {
        startListener();
        Socket served = client();
        assertAnswered(served, "before");
        // a batch keeps its endpoint for the frames that arrive while it runs: the next call must need a new one
        awaitTrue("the batch's endpoint given back", () -> endpoints.released.get() == endpoints.created.get());

        endpoints.unavailable = true;
        send(served, "refused for a while\n");
        served.setSoTimeout(300);
        assertThatThrownBy(() -> served.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

        endpoints.unavailable = false;
        served.setSoTimeout(TIMEOUT_MILLIS);
        assertThat(readLine(served)).isEqualTo("ok: refused for a while");
        assertAnswered(client(), "after");
    }

    @Test
    void aRefusalWhileNoOtherDeliveryRunsDoesNotCloseTheClient() throws Exception {
        startListener();
        Socket client = client();
        assertAnswered(client, "before");
        awaitTrue("the batch's endpoint given back", () -> endpoints.released.get() == endpoints.created.get());

        endpoints.refuseNext.set(3); // as two deliveries refused at the same moment, and one more
        assertAnswered(client, "refused three times");
        assertAnswered(client, "after");
        assertThat(endpoints.refusedAsFull).hasValue(3);
    }

    @Test
    void withoutThreadsForDeliveriesTheCallsWaitAndOnDisconnectFollowsOnConnect() throws Exception {
        startListener();
        workManager.refuseNext.set(2); // the first work of the next connection, and its retry

        Socket client = client();
        assertAnswered(client, "served");
        String id = registry.openSessions(port).iterator().next().id();
        client.close();

        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
        assertThat(endpoints.eventsOf(id)).containsExactly("connect", "message served", "disconnect");
    }

    @Test
    void theDeliveryLimitClimbsBackOnceTheBeanPoolFreesUp() throws Exception {
        endpoints.poolSize = 2;
        startListener(spec -> spec.setMaxConcurrency(8));
        List<Socket> slow = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            Socket client = client();
            send(client, "slow\n");
            slow.add(client);
        }
        awaitTrue("two beans busy and the limit lowered to the pool's size",
                () -> endpoints.slowNow.get() == 2 && listener.scheduler().limit() <= 2);
        endpoints.releaseSlow.countDown();
        for (Socket client : slow) {
            assertThat(readLine(client)).isEqualTo("ok: slow");
        }

        endpoints.poolSize = 0; // the server's pool has room again
        Socket busy = client();
        for (int i = 0; i < 200; i++) {
            assertAnswered(busy, "frame " + i);
        }
        List<Socket> together = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            Socket client = client();
            send(client, "together\n");
            together.add(client);
        }
        awaitTrue("eight deliveries at once", () -> endpoints.togetherNow.get() == 8);
        endpoints.releaseTogether.countDown();
        for (Socket client : together) {
            assertThat(readLine(client)).isEqualTo("ok: together");
        }
        assertThat(listener.scheduler().limit()).isEqualTo(8);
    }

    @Test
    void aLimitLoweredByARefusalClimbsWhileItsDeliveriesAreStillBusy() throws Exception {
        endpoints.poolSize = 2;
        startListener(spec -> spec.setMaxConcurrency(8));
        List<Socket> slow = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            slow.add(client());
        }
        awaitTrue("every client connected", () -> endpoints.connected.size() == 4);
        awaitTrue("the connects' works ended", () -> workManager.threads.stream().filter(Thread::isAlive).count()
                == listener.settings().ioThreads());
        send(slow.get(0), "slow\n");
        awaitTrue("one bean busy", () -> endpoints.slowNow.get() == 1);
        endpoints.refuseNext.set(1); // the server refuses once, as when its pool looks full for a moment
        send(slow.get(1), "slow\n");
        awaitTrue("the limit lowered to the one delivery running", () -> listener.scheduler().limit() == 1);
        for (Socket client : slow.subList(2, 4)) {
            send(client, "slow\n");
        }

        // no delivery ends while the bean is busy, yet the pool has room: the limit must not stay where it is
        awaitTrue("a second bean busy while the first still is", () -> endpoints.slowNow.get() == 2);
        endpoints.releaseSlow.countDown();
        for (Socket client : slow) {
            assertThat(readLine(client)).isEqualTo("ok: slow");
        }
    }
}
