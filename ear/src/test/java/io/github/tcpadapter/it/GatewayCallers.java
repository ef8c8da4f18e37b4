package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Clients of the sample's gateway bean calling at once, each on its own connection: every line they send is a
 * business call through the outbound factory, with a unique id that the reply must echo.
 */
final class GatewayCallers {

    private GatewayCallers() {
    }

    /**
     * Starts the callers together, so that they contend for the pool, and fails unless every reply answers its
     * own request within 60 s.
     *
     * @param gatewayPort the gateway bean's port
     * @param callers how many callers
     * @param callsEach how many calls each makes, one after the other
     * @param prefix starts each request id
     */
    static void run(int gatewayPort, int callers, int callsEach, String prefix) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        CountDownLatch allConnected = new CountDownLatch(callers);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String caller = prefix + "-caller-" + c;
                results.add(threads.submit(() -> {
                    try (LineClient client = new LineClient(gatewayPort)) {
                        allConnected.countDown();
                        allConnected.await(30, TimeUnit.SECONDS);
                        for (int i = 0; i < callsEach; i++) {
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
    }
}
