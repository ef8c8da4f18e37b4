package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pooled outbound factory against a peer that restarts, dies, hangs or is down, driven through the sample's
 * gateway bean: each line sent to the gateway is a business call through {@code java:app/tcp/Backend}.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundFaultsIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final int READ_TIMEOUT_MILLIS = 1_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    @RegisterExtension
    static final RestartablePeer peer = new RestartablePeer(5);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, peer.port())
                .backend("readTimeoutMillis", READ_TIMEOUT_MILLIS)
                .backend("connectTimeoutMillis", CONNECT_TIMEOUT_MILLIS)
                .backendPool(0, 8)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @BeforeEach
    void peerUp() throws Exception {
        peer.start();
        peer.mode(RestartablePeer.Mode.ECHO);
    }

    @Test
    void afterThePeerRestartsWithIdlePooledSocketsTheNext100RequestsAllSucceed() throws Exception {
        GatewayCallers.run(GATEWAY_PORT, 4, 10, "warm-up"); // leaves several sockets idle in the pool

        peer.stop();
        peer.start();

        int answeredBefore = peer.answered();
        GatewayCallers.run(GATEWAY_PORT, 4, 25, "after-restart");
        assertThat(peer.answered() - answeredBefore).isEqualTo(100);
    }

    @Test
    void thePeerDyingMidReplyFailsThatCallOnlyAndTheNextReconnects() throws Exception {
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            peer.mode(RestartablePeer.Mode.DIE_MID_REPLY);
            assertThat(client.request("doomed"))
                    .startsWith("error: Invalid frame from 127.0.0.1:" + peer.port())
                    .contains("stream ended inside a frame");

            peer.mode(RestartablePeer.Mode.ECHO);
            assertThat(client.request("next")).isEqualTo("backend: echo: next");
        }
    }

    @Test
    void aPeerThatNeverAnswersFailsTheCallAfterTheReadTimeoutAndItsSocketIsClosed() throws Exception {
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            peer.mode(RestartablePeer.Mode.SILENT);
            peer.expectUnansweredConnectionClosed();

            long start = System.nanoTime();
            String reply = client.request("hello?");
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(reply).isEqualTo("error: No reply from 127.0.0.1:" + peer.port() + " within "
                    + READ_TIMEOUT_MILLIS + " ms; the connection is closed");
            assertThat(elapsedMillis).isBetween((long) READ_TIMEOUT_MILLIS, 5_000L);
            assertThat(peer.unansweredConnectionClosedWithin(5)).as("timed-out socket closed, not reused").isTrue();

            peer.mode(RestartablePeer.Mode.ECHO);
            assertThat(client.request("again")).isEqualTo("backend: echo: again");
        }
    }

    @Test
    void aPeerThatIsDownFailsTheCallAtOnceWithAClearMessage() throws Exception {
        peer.stop();
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            long start = System.nanoTime();
            String reply = client.request("anyone?");
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            // Payara puts its own words before the adapter's message
            assertThat(reply).startsWith("error: ")
                    .endsWith("Cannot connect to 127.0.0.1:" + peer.port() + " (Connection refused)");
            assertThat(elapsedMillis).isLessThan(CONNECT_TIMEOUT_MILLIS);

            peer.start();
            assertThat(client.request("back")).isEqualTo("backend: echo: back");
        }
    }
}
