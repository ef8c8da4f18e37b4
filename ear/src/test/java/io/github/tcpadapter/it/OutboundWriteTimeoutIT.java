package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backend that accepts and stops reading cannot hold a caller of the pooled factory: the write fails after
 * {@code writeTimeoutMillis}, and the pool destroys that socket. Driven through the sample's gateway bean, which
 * forwards a line of several MiB.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundWriteTimeoutIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final int WRITE_TIMEOUT_MILLIS = 1_000;
    // far more than the kernel buffers between the backend factory and the peer hold
    private static final int LARGE_LINE = 4 * 1024 * 1024;
    private static final int CALLS_AFTER = 20;
    @RegisterExtension
    static final RestartablePeer peer = new RestartablePeer(0);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        peer.start();
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, peer.port())
                .activation("GatewayListener", "maxFrameLength", 2 * LARGE_LINE)
                .backend("maxFrameLength", 2 * LARGE_LINE)
                .backend("writeTimeoutMillis", WRITE_TIMEOUT_MILLIS)
                .backend("sendBufferSize", 8_192)
                .backendPool(0, 8)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    // before writes had a timeout, the gateway's call never returned and the client's read timed out after 15 s
    @Test
    void aPeerThatStopsReadingFailsTheCallAfterTheWriteTimeoutAndTheNextCallsWork() throws Exception {
        ScenarioTally tally = new ScenarioTally("write timeout (peer accepts, never reads; then behaves)");
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            peer.mode(RestartablePeer.Mode.NEVER_READ);

            long start = System.nanoTime();
            String reply = client.request("x".repeat(LARGE_LINE));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            tally.record(reply, "(a reply to this one cannot succeed)");
            assertThat(reply).isEqualTo("error: Writing to 127.0.0.1:" + peer.port() + " did not complete within "
                    + WRITE_TIMEOUT_MILLIS + " ms; the connection is closed");
            assertThat(elapsedMillis).isBetween((long) WRITE_TIMEOUT_MILLIS, 10_000L);

            peer.mode(RestartablePeer.Mode.ECHO);
            for (int i = 0; i < CALLS_AFTER; i++) {
                String expected = "backend: echo: after " + i;
                assertThat(tally.record(client.request("after " + i), expected)).as(expected).isTrue();
            }
        } finally {
            tally.print();
        }
    }
}
