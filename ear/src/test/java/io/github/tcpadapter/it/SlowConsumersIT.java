package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * Clients that send and never read, on a real server: they hold no thread and no bean that others need, they are
 * closed as slow consumers after {@code writeTimeoutMillis}, and the listener is back at full concurrency after.
 * The listeners' send buffers are small ({@code sendBufferSize}) so that a client's buffers fill after a few
 * replies instead of megabytes.
 */
@ExtendWith(ArquillianExtension.class)
class SlowConsumersIT {

    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();
    private static final int PROBE_PORT = FreePort.next();
    private static final int CHAT_PORT = FreePort.next();
    private static final int DEAF_CLIENTS = 200;
    private static final int LINE_BYTES = 8 * 1024;
    private static final int WRITE_TIMEOUT_MILLIS = 2_000;
    private static final int SEND_BUFFER_BYTES = 16 * 1024;
    private static final long INNOCENT_MILLIS = 6_000;
    private static final long DEAF_MILLIS = 30_000;
    // Payara's default max-pool-size of a message-driven bean; the tests' WildFly is set to the same (setup.cli)
    private static final int BEAN_POOL = 32;
    private static final int AFTER_CLIENTS = 50;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(ECHO_PORT, GATEWAY_PORT, ECHO_PORT)
                        .activation(Probes.PROBE, "writeTimeoutMillis", WRITE_TIMEOUT_MILLIS)
                        .activation(Probes.PROBE, "sendBufferSize", SEND_BUFFER_BYTES)
                        // every client comes from 127.0.0.1
                        .activation(Probes.PROBE, "maxConnectionsPerAddress", 0)
                        .activation("ChatListener", "port", CHAT_PORT)
                        .activation("ChatListener", "writeTimeoutMillis", WRITE_TIMEOUT_MILLIS),
                PROBE_PORT, FreePort.next());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void twoHundredClientsThatNeverReadStallNobodyAndAreClosed() throws Exception {
        ExecutorService deafThreads = Executors.newFixedThreadPool(DEAF_CLIENTS);
        AtomicBoolean over = new AtomicBoolean();
        List<Socket> deafSockets = Collections.synchronizedList(new ArrayList<>());
        try (ProbeLog probe = ProbeLog.install()) {
            List<Future<Boolean>> deaf = new ArrayList<>();
            for (int c = 0; c < DEAF_CLIENTS; c++) {
                deaf.add(deafThreads.submit(() -> HostileClients.sendWithoutReading(PROBE_PORT, LINE_BYTES, DEAF_MILLIS,
                        deafSockets, over)));
            }
            List<Long> latencies = new ArrayList<>();
            int gatewayCalls = 0;
            try (LineClient innocent = new LineClient(PROBE_PORT); LineClient gateway = new LineClient(GATEWAY_PORT)) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INNOCENT_MILLIS);
                for (int i = 0; System.nanoTime() < end; i++) {
                    long start = System.nanoTime();
                    assertThat(innocent.request("ping " + i)).isEqualTo("done: ping " + i);
                    latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    if (i % 10 == 0) {
                        assertThat(gateway.request("gw " + i)).isEqualTo("backend: ok: gw " + i);
                        gatewayCalls++;
                    }
                }
            }
            int closedByServer = 0;
            for (Future<Boolean> client : deaf) {
                closedByServer += client.get(DEAF_MILLIS + 10_000, TimeUnit.MILLISECONDS) ? 1 : 0;
            }
            Collections.sort(latencies);
            long p99 = latencies.get((int) (latencies.size() * 0.99));
            System.out.printf("slow consumers: %d clients that never read, %d closed by writeTimeoutMillis; innocent"
                    + " client %d/%d requests answered, p50 %d ms, p99 %d ms; gateway %d/%d calls answered%n",
                    DEAF_CLIENTS, closedByServer, latencies.size(), latencies.size(),
                    latencies.get(latencies.size() / 2), p99, gatewayCalls, gatewayCalls);
            assertThat(p99).as("innocent client's p99 latency, ms").isLessThan(1_000);
            assertThat(closedByServer).as("clients closed as slow consumers").isEqualTo(DEAF_CLIENTS);

            assertFullConcurrency(probe);
        } finally {
            over.set(true);
            HostileClients.closeAll(deafSockets);
            deafThreads.shutdownNow();
        }
    }

    /** All beans of the pool busy at once, for clients that came after the attack: the limit climbed back. */
    private static void assertFullConcurrency(ProbeLog probe) throws Exception {
        probe.holdBeans();
        List<LineClient> after = new ArrayList<>();
        try {
            for (int c = 0; c < AFTER_CLIENTS; c++) {
                LineClient client = new LineClient(PROBE_PORT);
                after.add(client);
                client.send("after " + c);
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (probe.heldNow() < BEAN_POOL && System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertThat(probe.heldNow()).as("deliveries at once after the attack").isEqualTo(BEAN_POOL);
            probe.release();
            for (int c = 0; c < AFTER_CLIENTS; c++) {
                assertThat(after.get(c).readLine()).isEqualTo("done: after " + c);
            }
            System.out.printf("after the attack: %d deliveries at once (the bean pool), %d/%d clients answered%n",
                    BEAN_POOL, AFTER_CLIENTS, AFTER_CLIENTS);
        } finally {
            probe.release();
            for (LineClient client : after) {
                client.close();
            }
        }
    }

    @Test
    void aChatMemberThatStopsReadingDoesNotStopTheRoom() throws Exception {
        // 6 MB: more than the kernel's buffers take for a member that reads nothing (they grow to megabytes)
        int lines = 1_500;
        String padding = "p".repeat(4_000);
        try (ChatClient alice = new ChatClient(CHAT_PORT); Socket deaf = new Socket()) {
            deaf.setReceiveBufferSize(4 * 1024);
            deaf.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), CHAT_PORT), 10_000);
            try (ChatClient bob = new ChatClient(CHAT_PORT, alice.id())) {
                for (int i = 0; i < lines; i++) {
                    bob.send(i + " " + padding);
                    assertThat(withoutNews(bob)).isEqualTo("ok");
                    assertThat(withoutNews(alice)).isEqualTo(bob.id() + ": " + i + " " + padding);
                }
                try (ChatClient carol = new ChatClient(CHAT_PORT, alice.id(), bob.id())) {
                    carol.send("hello");
                    assertThat(withoutNews(carol)).isEqualTo("ok");
                }
            }
            System.out.printf("chat: %d lines of 4 KB pushed past a member that never reads, all heard%n", lines);
        }
    }

    /** @return the next line but news of members joining or leaving, which come in no set order */
    private static String withoutNews(ChatClient client) throws IOException {
        String line = client.next();
        for (int news = 0; news < 10 && (line.startsWith("joined ") || line.startsWith("left ")); news++) {
            line = client.next();
        }
        return line;
    }
}
