package io.github.tcpadapter.cluster.payara;

import static io.github.tcpadapter.cluster.payara.TestGrid.named;
import static io.github.tcpadapter.cluster.payara.TestGrid.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.cluster.impl.ClusterServiceImpl;
import io.github.tcpadapter.cluster.spi.ClusterMember;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * A member cut off from the data grid (hung past the heartbeat timeout, or partitioned) runs as a cluster of its own
 * until Hazelcast's split-brain handler merges it back, and then it has a new UUID. The split and the merge are
 * forced through Hazelcast's internal cluster service, as its split-brain handler does, to keep the test short.
 */
class HazelcastChannelMergeTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void aMemberMergedBackAfterASplitIsReachedUnderItsNewIdentity() throws Exception {
        try (TestGrid grid = new TestGrid()) {
            HazelcastInstance a = grid.start("instance-a");
            HazelcastInstance b = grid.start("instance-b");
            ClusterMember bBefore = named(b, "instance-b");
            Recorder onA = new Recorder();
            Recorder onB = new Recorder();
            try (HazelcastChannel channelA = new HazelcastChannel(a, "merge", Duration.ofMillis(200));
                    HazelcastChannel channelB = new HazelcastChannel(b, "merge", HazelcastChannel.NAME_WAIT)) {
                channelA.start(onA);
                channelB.start(onB);

                split(a, b);
                assertThat(onA.nextLeft(BOUND)).isEqualTo(bBefore);
                assertThat(onB.nextLeft(BOUND)).isEqualTo(named(a, "instance-a"));
                merge(b, a);

                // Payara names its members once, when they boot: a merged one is known by its address
                Address address = b.getCluster().getLocalMember().getAddress();
                ClusterMember bAfter = new ClusterMember(uuid(b).toString(), address.getHost() + ":" + address.getPort());
                assertThat(bAfter.id()).isNotEqualTo(bBefore.id());
                assertThat(onA.nextJoined(BOUND)).isEqualTo(bAfter);
                assertThat(channelB.local()).isEqualTo(bAfter);
                channelA.send(bAfter, new byte[] {7}).toCompletableFuture().get();
                Recorder.Received received = onB.nextMessage(BOUND);
                assertThat(received.from()).isEqualTo(named(a, "instance-a"));
                assertThat(received.message()).containsExactly(7);
            }
        }
    }

    @Test
    void aMemberThatComesBackUnderTheIdentityItHadKeepsItsName() throws Exception {
        try (TestGrid grid = new TestGrid()) {
            HazelcastInstance a = grid.start("instance-a");
            HazelcastInstance b = grid.start("instance-b");
            Recorder onB = new Recorder();
            try (HazelcastChannel channelB = new HazelcastChannel(b, "merge", HazelcastChannel.NAME_WAIT)) {
                channelB.start(onB);

                split(a, b);
                assertThat(onB.nextLeft(BOUND)).isEqualTo(named(a, "instance-a"));
                merge(b, a);

                // Payara wrote a's name when a booted, long before: no event brings it again
                assertThat(onB.nextJoined(BOUND)).isEqualTo(named(a, "instance-a"));
            }
        }
    }

    // the master drops b and b drops the master, as when either stops hearing the other
    private static void split(HazelcastInstance master, HazelcastInstance b) {
        clusterService(master).suspectMember(member(master, uuid(b)), "test split", true);
        clusterService(b).suspectMember(member(b, uuid(master)), "test split", true);
    }

    // what Hazelcast's split-brain handler does once it finds the bigger cluster again
    private static void merge(HazelcastInstance b, HazelcastInstance into) {
        clusterService(b).merge(into.getCluster().getLocalMember().getAddress());
    }

    private static ClusterServiceImpl clusterService(HazelcastInstance member) {
        return ((HazelcastInstanceProxy) member).getOriginal().node.getClusterService();
    }

    private static Member member(HazelcastInstance seenBy, UUID id) {
        return seenBy.getCluster().getMembers().stream().filter(m -> m.getUuid().equals(id)).findFirst().orElseThrow();
    }
}
