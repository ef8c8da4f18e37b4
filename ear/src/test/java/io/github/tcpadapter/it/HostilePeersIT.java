package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Floods, slowloris, garbage and a 2^31-1 length header on a real server: clients that behave are served
 * throughout, the heap and the log stay bounded, and file descriptors and threads go back to where they were.
 */
@ExtendWith(ArquillianExtension.class)
class HostilePeersIT {

    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();
    private static final int PROBE_PORT = FreePort.next();
    private static final int LENGTH_PORT = FreePort.next();
    private static final int MAX_CONNECTIONS = 50;
    private static final int SERVED_CLIENTS = 10;
    private static final int FLOOD_CONNECTS = 2_000;
    private static final int FLOOD_THREADS = 4;
    private static final int SLOWLORIS_CLIENTS = 300;
    private static final int SLOWLORIS_SECONDS = 6;
    private static final int GARBAGE_CLIENTS = 200;
    private static final int GARBAGE_BYTES = 70_000; // more than maxFrameLength (65536), without a line end
    private static final long HEAP_GROWTH_LIMIT = 64L << 20;
    private static final long SETTLE_MILLIS = 10_000;
    // every logger of the inbound side
    private static final String LISTENER_LOG = "io.github.tcpadapter.inbound";

    private LogRecords log;
    private long descriptorsBefore;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(ECHO_PORT, GATEWAY_PORT, ECHO_PORT)
                        .activation(Probes.PROBE, "maxConnections", MAX_CONNECTIONS)
                        // every hostile and innocent client comes from 127.0.0.1
                        .activation("EchoListener", "maxConnectionsPerAddress", 0)
                        .activation(Probes.CONTINUING_PROBE, "framing", "LENGTH_PREFIXED"),
                PROBE_PORT, LENGTH_PORT);
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @BeforeEach
    void baseline() throws IOException {
        descriptorsBefore = Leftovers.openFileDescriptors();
        log = LogRecords.on(LISTENER_LOG, Level.WARNING);
    }

    @AfterEach
    void backToBaseline() throws IOException {
        log.close();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while ((Leftovers.openFileDescriptors() > descriptorsBefore + 10 || !Leftovers.deliveryThreads().isEmpty())
                && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        assertThat(Leftovers.openFileDescriptors()).as("file descriptors after the test")
                .isLessThanOrEqualTo(descriptorsBefore + 10);
        assertThat(Leftovers.deliveryThreads()).as("deliveries still running " + SETTLE_MILLIS + " ms after the test")
                .isEmpty();
    }

    @Test
    void aFloodBeyondMaxConnectionsLeavesServedClientsAloneAndTheLogShort() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(SERVED_CLIENTS + FLOOD_THREADS);
        AtomicBoolean flooding = new AtomicBoolean(true);
        List<LineClient> connected = new ArrayList<>();
        try {
            // the listener full: served clients and idle ones, each answered once so that it is surely counted
            for (int c = 0; c < MAX_CONNECTIONS; c++) {
                LineClient client = new LineClient(PROBE_PORT);
                connected.add(client);
                assertThat(client.request("in " + c)).isEqualTo("done: in " + c);
            }
            List<Future<Integer>> served = new ArrayList<>();
            for (int c = 0; c < SERVED_CLIENTS; c++) {
                LineClient client = connected.get(c);
                String prefix = "served " + c + " ";
                served.add(threads.submit(() -> requestWhile(flooding, client, prefix)));
            }
            long start = System.nanoTime();
            List<Future<Integer>> refused = new ArrayList<>();
            for (int t = 0; t < FLOOD_THREADS; t++) {
                refused.add(threads.submit(() -> HostileClients.flood(PROBE_PORT, FLOOD_CONNECTS / FLOOD_THREADS)));
            }
            int refusedTotal = 0;
            for (Future<Integer> flood : refused) {
                refusedTotal += flood.get(120, TimeUnit.SECONDS);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            flooding.set(false);
            int answered = 0;
            for (Future<Integer> client : served) {
                answered += client.get(30, TimeUnit.SECONDS);
            }
            long refusalLines = log.records().stream().filter(r -> r.getMessage().contains("refus")).count();
            System.out.printf("flood: %d/%d connections beyond maxConnections refused in %d s, %d log lines;"
                    + " %d served clients: %d/%d requests answered%n", refusedTotal, FLOOD_CONNECTS, seconds,
                    refusalLines, SERVED_CLIENTS, answered, answered);
            assertThat(refusedTotal).isEqualTo(FLOOD_CONNECTS);
            // the first refusal at once, then a sum per 10 s
            assertThat(refusalLines).isBetween(1L, 2 + seconds / 10);
        } finally {
            flooding.set(false);
            threads.shutdownNow();
            for (LineClient client : connected) {
                client.close();
            }
        }
    }

    /** @return how many requests were answered, each with its own reply; fails on any other answer */
    private static int requestWhile(AtomicBoolean going, LineClient client, String prefix) throws IOException {
        int answered = 0;
        for (int i = 0; going.get() && i < 1_000_000; i++) {
            assertThat(client.request(prefix + i)).endsWith(prefix + i);
            answered++;
        }
        return answered;
    }

    @Test
    void slowlorisGarbageAndAHugeLengthHeaderLeaveTheHeapBounded() throws Exception {
        long heapBefore = Leftovers.usedHeapAfterGc();
        List<Socket> slowloris = List.of();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        AtomicBoolean attacking = new AtomicBoolean(true);
        try (LineClient innocentClient = new LineClient(ECHO_PORT)) {
            Future<Integer> innocent = threads.submit(() -> requestWhile(attacking, innocentClient, "innocent "));
            Future<Integer> garbage = threads.submit(() -> HostileClients.sendGarbage(ECHO_PORT, GARBAGE_CLIENTS,
                    GARBAGE_BYTES, 42));
            int hugeHeaderClosed = HostileClients.sendHugeLengthHeader(LENGTH_PORT) ? 1 : 0;
            slowloris = HostileClients.slowloris(ECHO_PORT, SLOWLORIS_CLIENTS, SLOWLORIS_SECONDS);
            int garbageClosed = garbage.get(60, TimeUnit.SECONDS);
            long heapDuring = Leftovers.usedHeapAfterGc();
            attacking.set(false);
            int answered = innocent.get(30, TimeUnit.SECONDS);
            long framingLines = log.records().stream().map(r -> r.getMessage().toLowerCase(Locale.ROOT))
                    .filter(m -> m.contains("closing the connection from") || m.contains("closed for framing errors"))
                    .count();
            System.out.printf("slowloris/garbage: %d slowloris connections x %d bytes, %d/%d garbage senders closed,"
                    + " huge length header closed %d/1, %d framing log lines; heap %d MB before, %d MB under attack;"
                    + " innocent client %d/%d requests answered%n", SLOWLORIS_CLIENTS, SLOWLORIS_SECONDS,
                    garbageClosed, GARBAGE_CLIENTS, hugeHeaderClosed, framingLines, heapBefore >> 20,
                    heapDuring >> 20, answered, answered);
            assertThat(garbageClosed).isEqualTo(GARBAGE_CLIENTS);
            assertThat(hugeHeaderClosed).isEqualTo(1);
            assertThat(heapDuring - heapBefore).as("heap growth under attack").isLessThan(HEAP_GROWTH_LIMIT);
            assertThat(framingLines).as("framing error lines").isBetween(1L, 4L);
        } finally {
            attacking.set(false);
            HostileClients.closeAll(slowloris);
            threads.shutdownNow();
        }
    }

}
