package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many callers share a small pool: each gets its own reply, and a socket serves one caller at a time. */
@ExtendWith(ArquillianExtension.class)
class OutboundConcurrencyIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final int POOL_SIZE = 8;
    private static final int CALLERS = 32;
    private static final int CALLS_EACH = 10;
    private static RestartablePeer peer;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        peer = new RestartablePeer(10);
        peer.start();
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, peer.port())
                .backendPool(0, POOL_SIZE)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @AfterAll
    static void stopPeer() throws Exception {
        peer.close();
    }

    @Test
    void thirtyTwoCallersOnAPoolOfEightEachGetTheirOwnReplies() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch allConnected = new CountDownLatch(CALLERS);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                String caller = "caller-" + c;
                results.add(threads.submit(() -> {
                    try (LineClient client = new LineClient(GATEWAY_PORT)) {
                        allConnected.countDown();
                        allConnected.await(30, TimeUnit.SECONDS); // start together, so that they contend
                        for (int i = 0; i < CALLS_EACH; i++) {
                            String id = caller + "-request-" + i;
                            assertThat(client.request(id)).isEqualTo("backend: echo: " + id);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(peer.answered()).isEqualTo(CALLERS * CALLS_EACH);
        assertThat(peer.overlappingRequests()).as("requests of two callers on one socket").isZero();
        // sockets lent at once; Payara may replace idle sockets under contention, so sockets opened can exceed it
        assertThat(peer.peakConcurrentRequests()).isLessThanOrEqualTo(POOL_SIZE).isGreaterThan(1);
    }
}
