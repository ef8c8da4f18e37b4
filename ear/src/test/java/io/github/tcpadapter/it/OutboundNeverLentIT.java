package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payara opens two sockets on the first call and lends one: the other sits in the pool, never lent (WildFly opens
 * one). After the peer restarts, every pooled socket must be checked when the pool lends it, a never-lent one
 * included.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundNeverLentIT {

    private static final int GATEWAY_PORT = FreePort.next();
    @RegisterExtension
    static final RestartablePeer peer = new RestartablePeer(0);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        peer.start();
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, peer.port())
                .backendPool(0, 8)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    // before the fix, the caller that got the never-lent socket failed with "... closed the connection"
    @Test
    void afterThePeerRestartsTwoConnectionsTakenAtOnceBothWork() throws Exception {
        ScenarioTally tally = new ScenarioTally("never-lent pooled socket (3 calls, peer restart, 2 at once)");
        try {
            try (LineClient client = new LineClient(GATEWAY_PORT)) {
                for (int i = 0; i < 3; i++) {
                    String expected = "backend: echo: before " + i;
                    assertThat(tally.record(client.request("before " + i), expected)).as(expected).isTrue();
                }
            }
            int pooled = peer.accepted(); // Payara: 2, WildFly: 1
            assertThat(pooled).as("sockets the pool opened for one caller").isBetween(1, 2);

            peer.stop();
            peer.start();
            // each caller holds its connection until the other's request arrived: two connections lent at once
            // (held at most 2 s, less than the factory's read timeout, so a lost request fails only its own call)
            peer.holdRepliesUntil(2, 2_000);

            List<String> replies = callAtOnce("first", "second");

            tally.record(replies.get(0), "backend: echo: first");
            tally.record(replies.get(1), "backend: echo: second");
            assertThat(replies).containsExactly("backend: echo: first", "backend: echo: second");
            assertThat(peer.accepted()).as("a new socket for each caller").isEqualTo(pooled + 2);
        } finally {
            tally.print();
        }
    }

    private static List<String> callAtOnce(String... lines) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(lines.length);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (String line : lines) {
                calls.add(callers.submit(() -> {
                    try (LineClient client = new LineClient(GATEWAY_PORT)) {
                        return client.request(line);
                    }
                }));
            }
            List<String> replies = new ArrayList<>();
            for (Future<String> call : calls) {
                replies.add(call.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            callers.shutdownNow();
        }
    }
}
