package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many clients at once on the sample's echo bean: each gets its own replies, in order. */
@ExtendWith(ArquillianExtension.class)
class InboundLoadIT {

    private static final int ECHO_PORT = FreePort.next();
    private static final int CLIENTS = 200;
    private static final int FRAMES = 100;
    // frames a client sends before it reads their replies, so that every connection has frames queued
    private static final int WINDOW = 10;
    private static final long RUN_SECONDS = 60;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.builder(ECHO_PORT, FreePort.next(), FreePort.next())
                // every client comes from 127.0.0.1
                .activation("EchoListener", "maxConnectionsPerAddress", 0)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void everyClientGetsItsRepliesInOrder() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        try {
            List<Future<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                answered.add(threads.submit(conversation(c, connected)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_SECONDS);
            for (Future<Integer> client : answered) {
                assertThat(client.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)).isEqualTo(FRAMES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static Callable<Integer> conversation(int client, CountDownLatch connected) {
        return () -> {
            try (LineClient connection = new LineClient(ECHO_PORT)) {
                connected.countDown();
                // nobody sends before everyone is connected: all connections are open at once
                assertThat(connected.await(RUN_SECONDS, TimeUnit.SECONDS)).isTrue();
                int answered = 0;
                for (int first = 0; first < FRAMES; first += WINDOW) {
                    StringBuilder window = new StringBuilder();
                    for (int frame = first; frame < first + WINDOW; frame++) {
                        window.append(line(client, frame)).append('\n');
                    }
                    connection.write(window.toString().getBytes(StandardCharsets.UTF_8));
                    for (int frame = first; frame < first + WINDOW; frame++) {
                        assertThat(connection.readLine()).isEqualTo("ok: " + line(client, frame));
                        answered++;
                    }
                }
                return answered;
            }
        };
    }

    private static String line(int client, int frame) {
        return "client " + client + " frame " + frame;
    }
}
