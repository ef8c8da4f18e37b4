package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bean pool exhausted, then freed. The probe bean's pool holds at most {@value #BEAN_POOL} instances
 * ({@code glassfish-ejb-jar.xml}; on WildFly the pool {@code tcp-test-pool-2} of setup.cli, in {@code jboss-ejb3.xml}).
 * Payara refuses an endpoint at once beyond that; WildFly makes the delivery wait for an instance. While both are held, the
 * frames of {@value #CLIENTS} clients wait: exactly {@value #BEAN_POOL} reach the bean, no client is closed, none is
 * answered before its frame is processed. Once the beans go on, every client is answered, request/reply traffic is
 * answered in order as before, and holding the beans again finds the listener delivering {@value #BEAN_POOL} at once:
 * it recovered. The requests per second before and after are printed, not asserted: this proves recovery, not speed.
 */
@ExtendWith(ArquillianExtension.class)
class BeanPoolIT {

    private static final int PROBE_PORT = FreePort.next();
    private static final int BEAN_POOL = 2;
    private static final int CLIENTS = 20;
    private static final int REQUESTS_EACH = 100;
    // how long the pool stays exhausted: the fault's duration, while the waiting frames are refused and retried
    private static final long EXHAUSTED_MILLIS = 2_000;
    private static final long HELD_TIMEOUT_MILLIS = 15_000;
    private static final long TRAFFIC_TIMEOUT_SECONDS = 60;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next())
                        .beanPool(Probes.PROBE, 0, BEAN_POOL),
                PROBE_PORT, FreePort.next());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void anExhaustedBeanPoolKeepsEveryClientWaitingAndOnceFreedAllAreServedAgain() throws Exception {
        Tally tally = new Tally();
        try (ProbeLog probe = ProbeLog.install()) {
            double before = requestReplies(tally, "before");

            exhaustThenFree(probe, tally, "exhausted");
            double after = requestReplies(tally, "after");
            exhaustThenFree(probe, tally, "held-again");

            System.out.printf("bean pool of %d exhausted by %d clients, then freed: %d requests attempted, %d"
                    + " answered, %d failed; %.0f req/s before, %.0f req/s after%n", BEAN_POOL, CLIENTS,
                    tally.attempted.get(), tally.answered.get(), tally.failed.get(), before, after);
            assertThat(tally.failed.get()).as("requests not answered, or answered wrongly").isZero();
            assertThat(tally.answered.get()).isEqualTo(2 * CLIENTS * REQUESTS_EACH + 2 * CLIENTS);
            assertThat(probe.processed().values()).as("times a frame was processed").containsOnly(1);
        }
    }

    /**
     * Holds the beans while {@value #CLIENTS} clients send a line each: exactly {@value #BEAN_POOL} are held and
     * processed, the others wait; then lets them go and expects every client's answer.
     */
    private static void exhaustThenFree(ProbeLog probe, Tally tally, String phase) throws Exception {
        probe.holdBeans();
        List<LineClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                LineClient client = new LineClient(PROBE_PORT);
                clients.add(client);
                client.send(line(phase, c));
                tally.attempted.incrementAndGet();
            }
            assertThat(probe.awaitHeldNow(BEAN_POOL, HELD_TIMEOUT_MILLIS)).as("beans held at once, " + phase)
                    .isTrue();
            Thread.sleep(EXHAUSTED_MILLIS); // the pool stays exhausted: the fault, not a synchronisation
            assertThat(probe.mostHeld()).as("most beans held at once, " + phase).isEqualTo(BEAN_POOL);
            assertThat(processedIn(probe, phase)).as("frames that reached the bean, " + phase).isEqualTo(BEAN_POOL);

            probe.release();
            for (int c = 0; c < CLIENTS; c++) {
                tally.count(line(phase, c), readOrNull(clients.get(c)));
            }
            assertThat(processedIn(probe, phase)).as("frames that reached the bean, " + phase).isEqualTo(CLIENTS);
        } finally {
            probe.release();
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    /**
     * {@value #CLIENTS} clients, started together, each make {@value #REQUESTS_EACH} requests one after the other on
     * its own connection.
     *
     * @return the requests answered per second
     */
    private static double requestReplies(Tally tally, String phase) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        int answeredBefore = tally.answered.get();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String prefix = phase + " " + c;
                clients.add(threads.submit(() -> {
                    try (LineClient client = new LineClient(PROBE_PORT)) {
                        connected.countDown();
                        start.await(TRAFFIC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                        for (int i = 0; i < REQUESTS_EACH; i++) {
                            String line = line(prefix, i);
                            tally.attempted.incrementAndGet();
                            if (!tally.count(line, client.request(line))) {
                                break;
                            }
                        }
                    } catch (IOException e) {
                        tally.failed.incrementAndGet(); // the request under way
                    }
                    return null;
                }));
            }
            assertThat(connected.await(TRAFFIC_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("clients connected").isTrue();
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> client : clients) {
                client.get(TRAFFIC_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            return (tally.answered.get() - answeredBefore) / seconds;
        } finally {
            threads.shutdownNow();
        }
    }

    /** @return the client's next line, or {@code null} if the listener closed the connection */
    private static String readOrNull(LineClient client) {
        try {
            return client.readLine();
        } catch (IOException closed) {
            return null;
        }
    }

    private static String line(String prefix, int n) {
        return prefix + " " + n;
    }

    private static long processedIn(ProbeLog probe, String phase) {
        return probe.processed().keySet().stream().filter(line -> line.startsWith(phase + " ")).count();
    }

    /** Requests made, answered as expected, and failed (no answer, a wrong one, or a broken connection). */
    private static final class Tally {

        private final AtomicInteger attempted = new AtomicInteger();
        private final AtomicInteger answered = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        /** @return whether {@code reply} answers {@code line} */
        boolean count(String line, String reply) {
            boolean ok = ("done: " + line).equals(reply);
            (ok ? answered : failed).incrementAndGet();
            return ok;
        }
    }
}
