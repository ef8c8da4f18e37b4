package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backend stops and starts again and again while callers keep calling through the pooled factory (via the
 * sample's gateway bean). Every call gets its own reply or a clear error; a call made while the backend is up,
 * from its start to its next stop, always succeeds: only calls in flight across a stop or a start may fail.
 *
 * <p>The pool has a socket per caller, so sockets sit idle in it between a caller's calls and go stale when the
 * backend restarts; a restart that is a stop and an immediate start leaves them for calls made after it.
 * Every other restart keeps the backend down until the callers saw it, so connecting fails too.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundRestartsIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final int CALLERS = 16;
    private static final int POOL_SIZE = CALLERS;
    private static final int RESTARTS = 5;
    // a phase lasts until this many calls succeeded (up) or failed (down), or PHASE_MILLIS passed
    private static final int REPLIES_PER_UP_PHASE = 300;
    private static final int FAILURES_PER_DOWN_PHASE = CALLERS;
    private static final long PHASE_MILLIS = 1_000;
    private static final int MAX_CALLS_EACH = 100_000;
    @RegisterExtension
    static final RestartablePeer peer = new RestartablePeer(2);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        peer.start();
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, peer.port())
                .backend("connectTimeoutMillis", 2_000)
                .backendPool(0, POOL_SIZE)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    /** One call: what was sent when, and what came back. */
    private record Call(String id, long startNanos, long endNanos, String reply, boolean succeeded) {
    }

    /** From a start of the backend to its next stop. */
    private record Up(long sinceNanos, long untilNanos) {

        boolean covers(Call call) {
            return call.startNanos() > sinceNanos && call.endNanos() < untilNanos;
        }
    }

    @Test
    void callersGetTheirOwnRepliesOrAClearErrorAndAllSucceedWhileTheBackendIsUp() throws Exception {
        ScenarioTally tally = new ScenarioTally("backend restarted " + RESTARTS + " times (every other one "
                + "down until the callers saw it) under " + CALLERS + " looping callers, pool of " + POOL_SIZE);
        Queue<Call> calls = new ConcurrentLinkedQueue<>();
        Semaphore succeeded = new Semaphore(0);
        Semaphore failed = new Semaphore(0);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Up> ups = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
        try {
            long upSince = System.nanoTime();
            List<Future<?>> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                String caller = "caller-" + c;
                callers.add(threads.submit(() -> callUntilStopped(caller, running, tally, calls, succeeded, failed)));
            }
            for (int restart = 0; restart < RESTARTS; restart++) {
                phase(succeeded, REPLIES_PER_UP_PHASE);
                long stoppedAt = System.nanoTime();
                peer.stop();
                ups.add(new Up(upSince, stoppedAt));
                if (restart % 2 == 1) {
                    phase(failed, FAILURES_PER_DOWN_PHASE);
                }
                peer.start();
                upSince = System.nanoTime();
            }
            phase(succeeded, REPLIES_PER_UP_PHASE);
            running.set(false);
            ups.add(new Up(upSince, System.nanoTime()));
            for (Future<?> caller : callers) {
                caller.get(30, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            threads.shutdownNow();
            tally.print("failed while the backend was up: " + failedWhileUp(calls, ups).size());
        }

        String clearError = "error: .*127\\.0\\.0\\.1:" + peer.port() + ".*";
        assertThat(calls.stream().filter(call -> !call.succeeded() && !call.reply().matches(clearError)))
                .as("calls answered with another call's reply, or without an error naming the backend").isEmpty();
        for (Up up : ups) {
            assertThat(calls.stream().filter(up::covers)).as("calls made while the backend was up").isNotEmpty();
        }
        assertThat(failedWhileUp(calls, ups)).as("calls made while the backend was up that failed").isEmpty();
        assertThat(peer.overlappingRequests()).as("requests of two callers on one socket").isZero();
    }

    private static List<Call> failedWhileUp(Queue<Call> calls, List<Up> ups) {
        return calls.stream().filter(call -> !call.succeeded() && ups.stream().anyMatch(up -> up.covers(call)))
                .toList();
    }

    // waits until the callers reached the count, or the phase's time is up
    private static void phase(Semaphore outcomes, int count) throws InterruptedException {
        outcomes.drainPermits();
        outcomes.tryAcquire(count, PHASE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static Void callUntilStopped(String caller, AtomicBoolean running, ScenarioTally tally, Queue<Call> calls,
            Semaphore succeeded, Semaphore failed) throws IOException {
        LineClient client = new LineClient(GATEWAY_PORT);
        try {
            for (int i = 0; i < MAX_CALLS_EACH && running.get(); i++) {
                String id = caller + "-" + i;
                long start = System.nanoTime();
                String reply = null;
                IOException noReply = null;
                try {
                    reply = client.request(id);
                } catch (IOException e) {
                    noReply = e; // a late reply would answer the next request: start afresh
                    client.close();
                    client = new LineClient(GATEWAY_PORT);
                }
                boolean success = tally.record(reply, "backend: echo: " + id);
                calls.add(new Call(id, start, System.nanoTime(), reply == null ? "no reply: " + noReply : reply,
                        success));
                (success ? succeeded : failed).release();
            }
        } finally {
            client.close();
        }
        return null;
    }
}
