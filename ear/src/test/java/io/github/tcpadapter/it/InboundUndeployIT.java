package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Undeploying while clients keep sending: the listener stops cleanly. The probe bean reports every frame it
 * processes, so the test knows which frames were processed, and how often, besides which were answered. Half the
 * clients talk to the probe whose listener calls the bean on its event loops ({@code delivery=INLINE}, each loop
 * keeping its endpoint between calls until the stop), half to the one that hands each frame to a work.
 */
@ExtendWith(ArquillianExtension.class)
class InboundUndeployIT {

    private static final String PROBES = "probes";
    private static final int PROBE_PORT = FreePort.next();
    private static final int CONTINUING_PROBE_PORT = FreePort.next();
    private static final int CLIENTS = 50;
    // frames a client sends before it reads their replies: frames are queued when the undeployment begins
    private static final int WINDOW = 5;
    private static final int MAX_FRAMES = 10_000;

    @Deployment(name = PROBES, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next())
                        .activation(Probes.CONTINUING_PROBE, "delivery", "INLINE"),
                PROBE_PORT, CONTINUING_PROBE_PORT);
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void undeployWhileClientsSendProcessesEachFrameOnceAndLeavesNothingBehind() throws Exception {
        List<String> threadsBefore = Leftovers.adapterThreads();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try (ProbeLog probe = ProbeLog.install()) {
            deployer.deploy(PROBES);
            SampleEar.assertDeployed();
            CountDownLatch answered = new CountDownLatch(CLIENTS);
            List<Future<Conversation>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(threads.submit(client(c % 2 == 0 ? PROBE_PORT : CONTINUING_PROBE_PORT, c, answered)));
            }
            assertThat(answered.await(30, TimeUnit.SECONDS)).as("every client answered or done").isTrue();

            deployer.undeploy(PROBES);

            Leftovers.assertPortsFree(PROBE_PORT, CONTINUING_PROBE_PORT);
            assertThat(Leftovers.adapterThreads()).isEqualTo(threadsBefore);
            Map<String, Integer> processed = probe.processed();
            for (Future<Conversation> client : clients) {
                client.get(30, TimeUnit.SECONDS).assertEachAnsweredFrameProcessedOnce(processed);
            }
            assertThat(processed.values()).as("times a frame was processed").containsOnly(1);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A client sends numbered frames, a window at a time, until the listener closes its connection. It counts
     * {@code answered} down once its first window is answered, or once it ends without.
     */
    private static Callable<Conversation> client(int port, int id, CountDownLatch answered) {
        return () -> {
            Conversation conversation = new Conversation();
            try (LineClient client = new LineClient(port)) {
                while (conversation.sent.size() < MAX_FRAMES) {
                    StringBuilder window = new StringBuilder();
                    for (int i = 0; i < WINDOW; i++) {
                        String line = "client " + id + " frame " + conversation.sent.size();
                        conversation.sent.add(line);
                        window.append(line).append('\n');
                    }
                    client.write(window.toString().getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < WINDOW; i++) {
                        String reply = client.readLine();
                        if (reply == null) {
                            return conversation;
                        }
                        conversation.replies.add(reply);
                    }
                    if (conversation.replies.size() == WINDOW) {
                        answered.countDown();
                    }
                }
            } catch (SocketException closedByTheListener) {
                // a reset, or a write after the listener closed the connection: the conversation is over
            } finally {
                if (conversation.replies.size() < WINDOW) {
                    answered.countDown();
                }
            }
            return conversation;
        };
    }

    /** What one client sent and what it got back. */
    private static final class Conversation {

        private final List<String> sent = new ArrayList<>();
        private final List<String> replies = new ArrayList<>();

        void assertEachAnsweredFrameProcessedOnce(Map<String, Integer> processed) {
            assertThat(replies.size()).as("replies before the undeployment began").isGreaterThanOrEqualTo(WINDOW);
            List<String> expectedReplies = sent.subList(0, replies.size()).stream().map(line -> "done: " + line)
                    .toList();
            assertThat(replies).isEqualTo(expectedReplies);
            // processed frames: the first ones sent, without a gap, at least those answered
            List<String> processedFrames = sent.stream().filter(processed::containsKey).toList();
            assertThat(processedFrames).isEqualTo(sent.subList(0, processedFrames.size()));
            assertThat(processedFrames.size()).isGreaterThanOrEqualTo(replies.size());
        }
    }
}
