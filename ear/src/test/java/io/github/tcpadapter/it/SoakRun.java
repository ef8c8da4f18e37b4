package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault scenarios mixed, round after round, for {@code soak.minutes} (30 in {@code mvn -P soak verify}; not
 * part of {@code mvn verify}): clients that never read, floods beyond {@code maxConnections}, slowloris and garbage,
 * while an echo client, a probe client and gateway callers must be answered throughout. Afterwards the file
 * descriptors are back to their baseline. Prints one line per round and a total.
 */
@ExtendWith(ArquillianExtension.class)
class SoakRun {

    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();
    private static final int PROBE_PORT = FreePort.next();
    private static final int GATEWAY_MAX_CONNECTIONS = 20;
    private static final int WRITE_TIMEOUT_MILLIS = 2_000;
    private static final int DEAF_CLIENTS = 50;
    private static final long DEAF_MILLIS = 10_000;
    private static final int FLOOD_CONNECTS = 200;
    // a round opens about 400 connections; at this pace those in TIME_WAIT stay far below the ephemeral ports
    // (at 700 a round every 3 s, connects slowed down after 5 minutes and failed after 10)
    private static final long ROUND_MILLIS = 5_000;
    private static final int SLOWLORIS_CLIENTS = 100;
    private static final int SLOWLORIS_SECONDS = 3;
    private static final int GARBAGE_CLIENTS = 20;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(ECHO_PORT, GATEWAY_PORT, ECHO_PORT)
                        .activation(Probes.PROBE, "writeTimeoutMillis", WRITE_TIMEOUT_MILLIS)
                        .activation(Probes.PROBE, "sendBufferSize", 16 * 1024)
                        // every hostile and innocent client comes from 127.0.0.1
                        .activation("EchoListener", "maxConnectionsPerAddress", 0)
                        .activation("GatewayListener", "maxConnections", GATEWAY_MAX_CONNECTIONS),
                PROBE_PORT, FreePort.next());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void theFaultsMixedForMinutes() throws Exception {
        long minutes = Long.getLong("soak.minutes", 1);
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        long descriptorsBefore = Leftovers.openFileDescriptors();
        ExecutorService threads = Executors.newCachedThreadPool();
        AtomicBoolean soaking = new AtomicBoolean(true);
        long[] totals = new long[4]; // deaf closed, flood refused, garbage closed, well-behaved requests answered
        try (LineClient echo = new LineClient(ECHO_PORT); LineClient probe = new LineClient(PROBE_PORT);
             LineClient gateway = new LineClient(GATEWAY_PORT)) {
            List<Future<Integer>> behaved = List.of(
                    threads.submit(() -> answerWhile(soaking, echo, "ok: ")),
                    threads.submit(() -> answerWhile(soaking, probe, "done: ")),
                    threads.submit(() -> answerWhile(soaking, gateway, "backend: ok: ")));
            for (int round = 1; System.nanoTime() < end; round++) {
                long next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS);
                int[] figures = round(threads);
                System.out.printf("soak round %d: %d/%d deaf clients closed, %d/%d flood connects refused, %d/%d"
                        + " garbage senders closed; server JVM: %d file descriptors, %d threads, %d MB heap used%n",
                        round, figures[0], DEAF_CLIENTS, figures[1], FLOOD_CONNECTS, figures[2], GARBAGE_CLIENTS,
                        Leftovers.openFileDescriptors(), Thread.activeCount(),
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
                assertThat(figures).containsExactly(DEAF_CLIENTS, FLOOD_CONNECTS, GARBAGE_CLIENTS);
                for (int i = 0; i < figures.length; i++) {
                    totals[i] += figures[i];
                }
                LockSupport.parkNanos(next - System.nanoTime()); // the soak's pace, not a synchronisation
            }
            soaking.set(false);
            for (Future<Integer> client : behaved) {
                totals[3] += client.get(30, TimeUnit.SECONDS);
            }
        } finally {
            soaking.set(false);
            threads.shutdownNow();
        }
        System.out.printf("soak, %d min: %d deaf clients closed, %d flood connects refused, %d garbage senders"
                + " closed; well-behaved clients: %d/%d requests answered%n", minutes, totals[0], totals[1],
                totals[2], totals[3], totals[3]);
        assertThat(Leftovers.openFileDescriptors()).isLessThanOrEqualTo(descriptorsBefore + 10);
    }

    /** One round of every fault at once; returns deaf clients closed, flood connects refused, garbage closed. */
    private static int[] round(ExecutorService threads) throws Exception {
        AtomicBoolean over = new AtomicBoolean();
        List<Socket> deafSockets = Collections.synchronizedList(new ArrayList<>());
        List<Socket> slowloris = List.of();
        try {
            List<Future<Boolean>> deaf = new ArrayList<>();
            for (int c = 0; c < DEAF_CLIENTS; c++) {
                deaf.add(threads.submit(() -> HostileClients.sendWithoutReading(PROBE_PORT, 8 * 1024, DEAF_MILLIS,
                        deafSockets, over)));
            }
            List<LineClient> filling = new ArrayList<>();
            Future<Integer> flood;
            try {
                // the one gateway client of the behaved ones is there already
                for (int c = 1; c < GATEWAY_MAX_CONNECTIONS; c++) {
                    filling.add(new LineClient(GATEWAY_PORT));
                    assertThat(filling.get(c - 1).request("fill " + c)).isEqualTo("backend: ok: fill " + c);
                }
                flood = threads.submit(() -> HostileClients.flood(GATEWAY_PORT, FLOOD_CONNECTS));
                Future<Integer> garbage = threads.submit(() -> HostileClients.sendGarbage(ECHO_PORT, GARBAGE_CLIENTS,
                        70_000, System.nanoTime()));
                slowloris = HostileClients.slowloris(ECHO_PORT, SLOWLORIS_CLIENTS, SLOWLORIS_SECONDS);
                int refused = flood.get(60, TimeUnit.SECONDS);
                int deafClosed = 0;
                for (Future<Boolean> client : deaf) {
                    deafClosed += client.get(DEAF_MILLIS + 10_000, TimeUnit.MILLISECONDS) ? 1 : 0;
                }
                return new int[] {deafClosed, refused, garbage.get(60, TimeUnit.SECONDS)};
            } finally {
                for (LineClient client : filling) {
                    client.close();
                }
            }
        } finally {
            over.set(true);
            HostileClients.closeAll(deafSockets);
            HostileClients.closeAll(slowloris);
        }
    }

    private static int answerWhile(AtomicBoolean going, LineClient client, String replyPrefix) throws Exception {
        int answered = 0;
        for (int i = 0; going.get(); i++) {
            assertThat(client.request("soak " + i)).isEqualTo(replyPrefix + "soak " + i);
            answered++;
        }
        return answered;
    }
}
