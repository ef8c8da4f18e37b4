package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The listener's limits and its answer to a failing bean, each set by an activation property. */
@ExtendWith(ArquillianExtension.class)
class InboundLimitsIT {

    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();
    private static final int PROBE_PORT = FreePort.next();
    private static final int CONTINUING_PROBE_PORT = FreePort.next();
    private static final int MAX_CONNECTIONS = 2;
    private static final long IDLE_TIMEOUT_MILLIS = 1_000;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(ECHO_PORT, GATEWAY_PORT, ECHO_PORT)
                        .activation("EchoListener", "idleTimeoutMillis", IDLE_TIMEOUT_MILLIS)
                        .activation("GatewayListener", "maxConnections", MAX_CONNECTIONS),
                PROBE_PORT, CONTINUING_PROBE_PORT);
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void connectionsBeyondMaxConnectionsAreClosedAtOnce() throws Exception {
        try (LineClient first = new LineClient(GATEWAY_PORT);
             LineClient second = new LineClient(GATEWAY_PORT)) {
            // answered: both are counted by the listener
            assertThat(first.request("one")).isEqualTo("backend: ok: one");
            assertThat(second.request("two")).isEqualTo("backend: ok: two");

            try (LineClient excess = new LineClient(GATEWAY_PORT)) {
                assertThat(excess.closedByServer()).isTrue();
            }

            assertThat(first.request("still one")).isEqualTo("backend: ok: still one");
            assertThat(second.request("still two")).isEqualTo("backend: ok: still two");
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (LineClient silent = new LineClient(ECHO_PORT)) {
            long start = System.nanoTime();
            assertThat(silent.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
                    Duration.ofMillis(IDLE_TIMEOUT_MILLIS));
        }
    }

    @Test
    void aConnectionThatKeepsTalkingOutlivesTheIdleTimeout() throws Exception {
        try (LineClient talker = new LineClient(ECHO_PORT)) {
            // pauses of a quarter of the timeout, over 2.5 timeouts: the pace of a client, not a synchronisation
            for (int i = 0; i < 10; i++) {
                assertThat(talker.request("still here " + i)).isEqualTo("ok: still here " + i);
                Thread.sleep(IDLE_TIMEOUT_MILLIS / 4);
            }
        }
    }

    @Test
    void onErrorCloseClosesOnlyTheConnectionWhoseFrameFailed() throws Exception {
        try (ProbeLog probe = ProbeLog.install();
             LineClient bystander = new LineClient(PROBE_PORT);
             LineClient failing = new LineClient(PROBE_PORT)) {
            assertThat(failing.request("before")).isEqualTo("done: before");
            failing.write("fail once\nsent after the failure\n".getBytes(StandardCharsets.UTF_8));
            assertThat(failing.closedByServer()).isTrue();
            // whether it was still queued or came later, the frame after the failure is dropped with the connection
            assertThat(probe.processed()).containsKey("fail once").doesNotContainKey("sent after the failure");

            assertThat(bystander.request("unharmed")).isEqualTo("done: unharmed");
        }
        try (LineClient newcomer = new LineClient(PROBE_PORT)) {
            assertThat(newcomer.request("still listening")).isEqualTo("done: still listening");
        }
    }

    @Test
    void onErrorContinueDropsOnlyTheFailedFrame() throws Exception {
        try (LineClient client = new LineClient(CONTINUING_PROBE_PORT)) {
            assertThat(client.request("before")).isEqualTo("done: before");
            client.send("fail once");
            assertThat(client.request("after")).isEqualTo("done: after");
        }
    }
}
