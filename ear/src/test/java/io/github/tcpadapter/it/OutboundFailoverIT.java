package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A factory with two hosts: the second stands in while the first is down; the first is used again later. */
@ExtendWith(ArquillianExtension.class)
class OutboundFailoverIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final int RETRY_INTERVAL_MILLIS = 500;
    @RegisterExtension
    static final RestartablePeer first = new RestartablePeer(0);
    @RegisterExtension
    static final RestartablePeer second = new RestartablePeer(0);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        second.start();
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, second.port())
                .backend("host", "127.0.0.1:" + first.port() + ",127.0.0.1:" + second.port())
                .backend("retryIntervalMillis", RETRY_INTERVAL_MILLIS)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void theSecondHostAnswersWhileTheFirstIsDownAndTheFirstIsUsedAgainAfterItsRetryInterval() throws Exception {
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.request("down " + i)).isEqualTo("backend: echo: down " + i);
            }
            long firstFailedBy = System.nanoTime();
            assertThat(second.answered()).isEqualTo(5);

            first.start();
            second.stop(); // the pooled sockets to the second host die: the next calls reconnect
            second.start();
            // the behaviour under test is a time interval: let it pass
            Thread.sleep(Math.max(0, RETRY_INTERVAL_MILLIS - (System.nanoTime() - firstFailedBy) / 1_000_000 + 50));

            for (int i = 0; i < 5; i++) {
                assertThat(client.request("up " + i)).isEqualTo("backend: echo: up " + i);
            }
            assertThat(first.answered()).as("calls on the first host once it is back").isEqualTo(5);
            assertThat(second.answered()).isEqualTo(5);
        }
    }
}
