package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The sample's stateless bean calls a test backend through the pooled outbound connection factory; the sample's
 * gateway bean drives it, so clients reach it with plain sockets.
 */
@ExtendWith(ArquillianExtension.class)
class GatewayIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static EchoServer backend;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws IOException {
        backend = new EchoServer(10);
        return SampleEar.withPorts(FreePort.next(), GATEWAY_PORT, backend.port());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @AfterAll
    static void stopBackend() throws IOException {
        backend.close();
    }

    @Test
    void requestReplyReachesTheBackendAndPooledSocketsAreReused() throws Exception {
        int connectionsBefore = backend.acceptedConnections();
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            for (int i = 0; i < 50; i++) {
                assertThat(client.request("call " + i)).isEqualTo("backend: echo: call " + i);
            }
        }
        // one call at a time: every call takes the same pooled socket
        assertThat(backend.acceptedConnections() - connectionsBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void concurrentCallersNeverOpenMoreSocketsThanThePoolHolds() throws Exception {
        int callers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    try (LineClient client = new LineClient(GATEWAY_PORT)) {
                        for (int i = 0; i < 20; i++) {
                            String line = "caller " + id + " call " + i;
                            assertThat(client.request(line)).isEqualTo("backend: echo: " + line);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // the sample's pool lends at most 8 sockets at once. (Payara may replace an idle socket when the pool is
        // at its maximum under contention, so the count of sockets ever opened can exceed 8.)
        assertThat(backend.peakConcurrentRequests()).isLessThanOrEqualTo(8).isGreaterThan(1);
    }
}
