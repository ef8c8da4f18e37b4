package io.github.tcpadapter.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.inbound.session.SessionRegistry;
import jakarta.resource.ResourceException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions across members of a cluster, on an engine in this JVM that behaves as the SPI says. */
class ClusterSessionsTest {

    private static final long WAIT_MILLIS = 10_000;

    private final InMemoryCluster cluster = new InMemoryCluster();
    private final SessionRegistry aRegistry = new SessionRegistry();
    private final SessionRegistry bRegistry = new SessionRegistry();
    private InMemoryCluster.Member aChannel;
    private ClusterSessions a;
    private ClusterSessions b;

    @AfterEach
    void leave() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        cluster.close();
    }

    private void startBoth() {
        aChannel = cluster.join("a");
        a = ClusterSessions.over(aChannel, aRegistry);
        b = ClusterSessions.over(cluster.join("b"), bRegistry);
    }

    private FakeSession openOnA(String id) {
        FakeSession session = new FakeSession(id, 9002);
        aRegistry.add(session);
        return session;
    }

    @Test
    void aSessionOfOneMemberIsListedOnTheOtherWithItsMember() {
        startBoth();
        FakeSession mine = new FakeSession("9002-b1", 9002);
        bRegistry.add(mine);

        openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");

        TcpSession seen = b.find("9002-a1").orElseThrow();
        assertThat(seen.member()).contains("a");
        assertThat(seen.port()).isEqualTo(9002);
        assertThat(seen.remoteAddress()).isEqualTo(new java.net.InetSocketAddress("127.0.0.1", 40_000));
        assertThat(seen.isOpen()).isTrue();
        assertThat(b.openSessions(9002)).extracting(TcpSession::id).containsExactly("9002-b1", "9002-a1");
        assertThat(b.openSessions(9003)).isEmpty();
        assertThat(bRegistry.member()).as("b's own sessions name b").contains("b");
    }

    @Test
    void aSessionThatClosesLeavesTheDirectory() {
        startBoth();
        FakeSession session = openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");
        TcpSession seen = b.find("9002-a1").orElseThrow();

        aRegistry.remove(session);

        eventually(() -> b.find("9002-a1").isEmpty(), "the session leaves b's directory");
        assertThat(seen.isOpen()).isFalse();
    }

    @Test
    void aMemberThatStartsLaterLearnsTheSessionsOpenedBeforeIt() {
        aChannel = cluster.join("a");
        a = ClusterSessions.over(aChannel, aRegistry);
        openOnA("9002-a1");
        openOnA("9002-a2");

        b = ClusterSessions.over(cluster.join("b"), bRegistry);

        eventually(() -> b.openSessions(9002).size() == 2, "b learns both");
    }

    @Test
    void sendsClosesAndRequestsFromAnyMemberReachTheOwnersSession() throws Exception {
        startBoth();
        FakeSession session = openOnA("9002-a1");
        session.reply = CompletableFuture.completedFuture(new TcpMessage("pong".getBytes(UTF_8), "9002-a1",
                session.remoteAddress(), UTF_8));
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");
        TcpSession remote = b.find("9002-a1").orElseThrow();

        remote.send("one");
        remote.send("two".getBytes(UTF_8), Duration.ofMillis(250));
        remote.sendAsync("three").toCompletableFuture().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        TcpMessage reply = remote.requestAsync("ping", Duration.ofSeconds(3)).toCompletableFuture()
                .get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(remote.traffic().framesIn()).as("as a told when the session opened").isEqualTo(3);
        remote.close();

        assertThat(reply.text()).isEqualTo("pong");
        assertThat(reply.sessionId()).isEqualTo("9002-a1");
        assertThat(next(session)).isEqualTo("send one within 30000");
        assertThat(next(session)).isEqualTo("send two within 250");
        assertThat(next(session)).isEqualTo("sendAsync three");
        assertThat(next(session)).isEqualTo("request ping within 3000");
        assertThat(next(session)).isEqualTo("close");
    }

    @Test
    void theOwnersFailureReachesTheCallerAsTheLocalSessionWouldFail() throws Exception {
        startBoth();
        FakeSession session = openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");
        TcpSession remote = b.find("9002-a1").orElseThrow();

        session.sendFailure = new TcpTimeoutException("the client has read nothing for 250 ms", null);
        assertThatThrownBy(() -> remote.send("x")).isInstanceOf(TcpTimeoutException.class)
                .hasMessageContaining("read nothing for 250 ms");
        session.sendFailure = new ResourceException("the client is not keeping up");
        assertThatThrownBy(() -> remote.sendAsync("x").toCompletableFuture().get(WAIT_MILLIS, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(ResourceException.class).hasMessageContaining("not keeping up");

        aRegistry.remove(session); // closed on a, and b may still list it for a moment
        assertThatThrownBy(() -> remote.send("late")).isInstanceOf(ResourceException.class)
                .hasMessageContaining("9002-a1").hasMessageContaining("closed");
    }

    @Test
    void aHungMemberFailsTheCallWithinItsBoundAndHoldsNobody() throws Exception {
        startBoth();
        openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");
        TcpSession remote = b.find("9002-a1").orElseThrow();
        aChannel.hang();

        long start = System.nanoTime();
        assertThatThrownBy(() -> remote.send("x".getBytes(UTF_8), Duration.ofMillis(100)))
                .isInstanceOf(TcpTimeoutException.class).hasMessageContaining("Member a did not answer")
                .hasMessageContaining("within " + (100 + ClusterNode.MARGIN_MILLIS) + " ms");
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(waitedMillis).as("waited for the bound, not forever").isLessThan(WAIT_MILLIS);

        CompletableFuture<Void> async = remote.sendAsync("y").toCompletableFuture();
        assertThatThrownBy(() -> async.get(WAIT_MILLIS, TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(TcpTimeoutException.class);
    }

    @Test
    void anEngineWhoseSendsBlockHoldsNoCallerPastTheBound() throws Exception {
        InMemoryCluster.Member bChannel = cluster.join("b");
        aChannel = cluster.join("a");
        a = ClusterSessions.over(aChannel, aRegistry);
        b = ClusterSessions.over(bChannel, bRegistry);
        openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");
        TcpSession remote = b.find("9002-a1").orElseThrow();
        CountDownLatch blocked = new CountDownLatch(1);
        bChannel.sendsBlockUntil = blocked;
        try {
            assertThatThrownBy(() -> remote.send("x".getBytes(UTF_8), Duration.ofMillis(100)))
                    .isInstanceOf(TcpTimeoutException.class).hasMessageContaining("did not answer");
            CompletableFuture<Void> async = remote.sendAsync("y").toCompletableFuture();
            assertThatThrownBy(() -> async.get(WAIT_MILLIS, TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(TcpTimeoutException.class);
        } finally {
            blocked.countDown();
        }
    }

    @Test
    void aCallThatReachesAHungMemberAfterItsCallerGaveUpIsNotCarriedOut() throws Exception {
        startBoth();
        FakeSession session = openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");
        TcpSession remote = b.find("9002-a1").orElseThrow();
        aChannel.hang();
        assertThatThrownBy(() -> remote.send("stale".getBytes(UTF_8), Duration.ofMillis(50)))
                .isInstanceOf(TcpTimeoutException.class);

        aChannel.resume();
        remote.send("fresh");

        assertThat(next(session)).as("the call that came after its deadline was dropped").isEqualTo(
                "send fresh within 30000");
    }

    @Test
    void aMemberThatLeavesTakesItsSessionsAndFailsTheCallsWaitingOnIt() throws Exception {
        startBoth();
        openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");
        TcpSession remote = b.find("9002-a1").orElseThrow();
        aChannel.hang();
        int sentBefore = aChannel.sentHere.get();
        CompletableFuture<Void> waiting = remote.sendAsync("x").toCompletableFuture();
        eventually(() -> aChannel.sentHere.get() > sentBefore, "the call went out to a");

        cluster.kill(aChannel);

        assertThatThrownBy(() -> waiting.get(WAIT_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("left the cluster");
        eventually(() -> b.find("9002-a1").isEmpty() && b.openSessions(9002).isEmpty(), "a's sessions leave");
    }

    @Test
    void aMemberThatStopsHasTheOthersForgetItsSessionsBeforeItLeavesTheCluster() {
        startBoth();
        openOnA("9002-a1");
        eventually(() -> b.find("9002-a1").isPresent(), "b sees a's session");

        a.close(); // the adapter stops; the server, and its data grid, go on for a while
        a = null;

        eventually(() -> b.find("9002-a1").isEmpty(), "b forgets a's sessions");
        assertThat(aChannel.members()).as("a is still in the data grid").extracting(m -> m.name()).contains("b");
    }

    @Test
    void withoutAClusterTheSessionsAreThisServersAndNameNoMember() {
        ClusterSessions alone = ClusterSessions.open(aRegistry, new ClassLoader(null) { });
        FakeSession session = openOnA("9002-a1");

        assertThat(alone.clustered()).isFalse();
        assertThat(alone.find("9002-a1")).contains(session);
        assertThat(alone.openSessions(9002)).containsExactly(session);
        assertThat(aRegistry.member()).isEmpty();
        alone.close();
    }

    private static String next(FakeSession session) throws InterruptedException {
        return session.sent.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }

    // a bounded wait for what another member's thread makes true
    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT_MILLIS + " ms: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
