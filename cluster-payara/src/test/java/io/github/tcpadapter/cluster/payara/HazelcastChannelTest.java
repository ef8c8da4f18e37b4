package io.github.tcpadapter.cluster.payara;

import static io.github.tcpadapter.cluster.payara.TestGrid.named;
import static io.github.tcpadapter.cluster.payara.TestGrid.uuid;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import io.github.tcpadapter.cluster.spi.ClusterMember;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two real Hazelcast members named as Payara names them, and the channel on each; more join and leave. */
class HazelcastChannelTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    // Hazelcast's own bound for a member that stopped answering: hazelcast.max.no.heartbeat.seconds, 60 s by default
    private static final Duration DEATH_BOUND = Duration.ofSeconds(90);

    private static TestGrid grid;
    private static HazelcastInstance a;
    private static HazelcastInstance b;

    @BeforeAll
    static void startGrid() {
        grid = new TestGrid();
        a = grid.start("instance-a");
        b = grid.start("instance-b");
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void everyMemberSeesAllMembersByTheirPayaraNames() {
        try (HazelcastChannel onA = channel(a, "names"); HazelcastChannel onB = channel(b, "names")) {
            assertThat(onA.local()).isEqualTo(named(a, "instance-a"));
            assertThat(onB.local()).isEqualTo(named(b, "instance-b"));
            assertThat(onA.members()).containsExactlyInAnyOrder(named(a, "instance-a"), named(b, "instance-b"));
            assertThat(onB.members()).containsExactlyInAnyOrder(named(a, "instance-a"), named(b, "instance-b"));
        }
    }

    @Test
    void aMessageArrivesWithItsSender() throws Exception {
        Recorder onB = new Recorder();
        try (HazelcastChannel fromA = channel(a, "hello"); HazelcastChannel toB = channel(b, "hello")) {
            toB.start(onB);

            fromA.send(toB.local(), "hello".getBytes(UTF_8)).toCompletableFuture().get();

            Recorder.Received received = onB.nextMessage(BOUND);
            assertThat(received.from()).isEqualTo(named(a, "instance-a"));
            assertThat(new String(received.message(), UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void messagesFromOneThreadArriveInTheOrderSent() throws Exception {
        Recorder onB = new Recorder();
        try (HazelcastChannel fromA = channel(a, "order"); HazelcastChannel toB = channel(b, "order")) {
            toB.start(onB);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                sent.add(fromA.send(toB.local(), ByteBuffer.allocate(4).putInt(i).array()).toCompletableFuture());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();

            List<Integer> arrived = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                arrived.add(ByteBuffer.wrap(onB.nextMessage(BOUND).message()).getInt());
            }
            assertThat(arrived).containsExactlyElementsOf(IntStream.range(0, 1_000).boxed().toList());
        }
    }

    @Test
    void aSendToNoMemberFailsAtOnce() {
        try (HazelcastChannel onA = channel(a, "nobody")) {
            CompletableFuture<Void> unknown = onA.send(new ClusterMember(UUID.randomUUID().toString(), "gone"),
                    new byte[] {1}).toCompletableFuture();
            CompletableFuture<Void> malformed = onA.send(new ClusterMember("not-a-uuid", "?"), new byte[] {1})
                    .toCompletableFuture();

            assertThat(unknown).isCompletedExceptionally();
            assertThatThrownBy(unknown::join).hasCauseInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gone").hasMessageContaining("not a member");
            assertThat(malformed).isCompletedExceptionally();
        }
    }

    @Test
    void aMemberThatJoinsIsAnnouncedByItsPayaraNameAndLeavesOnShutdown() throws Exception {
        Recorder onA = new Recorder();
        try (HazelcastChannel channel = channel(a, "join")) {
            channel.start(onA);
            HazelcastInstance c = grid.start("instance-c");
            ClusterMember expected = named(c, "instance-c");

            assertThat(onA.nextJoined(BOUND)).isEqualTo(expected);
            assertThat(channel.members()).contains(expected);

            long stopping = System.nanoTime();
            c.shutdown();
            assertThat(onA.nextLeft(BOUND)).isEqualTo(expected);
            report("shutdown", stopping);
            assertThat(channel.members()).doesNotContain(expected);
        }
    }

    @Test
    void aTerminatedMemberLeaves() throws Exception {
        Recorder onA = new Recorder();
        Recorder onB = new Recorder();
        try (HazelcastChannel channelA = channel(a, "kill"); HazelcastChannel channelB = channel(b, "kill")) {
            channelA.start(onA);
            channelB.start(onB);
            HazelcastInstance d = grid.start("instance-d");
            ClusterMember expected = named(d, "instance-d");
            assertThat(onA.nextJoined(BOUND)).isEqualTo(expected);
            assertThat(onB.nextJoined(BOUND)).isEqualTo(expected);

            long killed = System.nanoTime();
            d.getLifecycleService().terminate();
            assertThat(onA.nextLeft(DEATH_BOUND)).isEqualTo(expected);
            report("terminate, seen by the master", killed);
            assertThat(onB.nextLeft(DEATH_BOUND)).isEqualTo(expected);
            report("terminate, seen by the other member", killed);
        }
    }

    @Test
    void aMemberPayaraNeverNamesIsAnnouncedByItsAddress() throws Exception {
        Recorder onA = new Recorder();
        try (HazelcastChannel channel = new HazelcastChannel(a, "unnamed", Duration.ofMillis(200))) {
            channel.start(onA);
            HazelcastInstance e = grid.start();
            try {
                Address address = e.getCluster().getLocalMember().getAddress();
                assertThat(onA.nextJoined(BOUND)).isEqualTo(
                        new ClusterMember(uuid(e).toString(), address.getHost() + ":" + address.getPort()));
            } finally {
                e.shutdown();
            }
        }
    }

    @Test
    void afterCloseNothingMoreIsDelivered() throws Exception {
        Recorder closedOnB = new Recorder();
        Recorder openOnB = new Recorder();
        try (HazelcastChannel fromA = channel(a, "close")) {
            HazelcastChannel closing = channel(b, "close");
            closing.start(closedOnB);
            closing.close();
            closing.close();
            try (HazelcastChannel reopened = channel(b, "close")) {
                reopened.start(openOnB);

                // both listen on B's one topic, whose events run one after the other on one event thread: once the
                // open channel has the message, the closed one would have had it too
                fromA.send(reopened.local(), new byte[] {42}).toCompletableFuture().get();
                assertThat(openOnB.nextMessage(BOUND).message()).containsExactly(42);
                assertThat(closedOnB.received).isEmpty();
            }
            assertThat(closing.send(named(a, "instance-a"), new byte[] {1})).isCompletedExceptionally();
            assertThatThrownBy(() -> closing.start(new Recorder())).isInstanceOf(IllegalStateException.class);
        }
    }

    private static HazelcastChannel channel(HazelcastInstance member, String name) {
        return new HazelcastChannel(member, name, HazelcastChannel.NAME_WAIT);
    }

    // the figure for the report: how long the survivor took to call left (printed to the test's output file)
    private static void report(String how, long since) {
        System.out.printf("left after %s: %d ms%n", how, Duration.ofNanos(System.nanoTime() - since).toMillis());
    }
}
