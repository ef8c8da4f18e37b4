package io.github.tcpadapter.cluster.payara;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.github.tcpadapter.cluster.spi.ClusterMember;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Real Hazelcast members in the test JVM: on 127.0.0.1, ports from {@value #PORT}, joined by TCP/IP in a cluster of
 * their own, named the way Payara names its instances.
 */
final class TestGrid implements AutoCloseable {

    private static final int PORT = 5950;
    private static final int PORTS = 20;
    // held here: a logger that nobody references loses its level
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    static {
        System.setProperty("hazelcast.logging.type", "jdk");
        HAZELCAST_LOG.setLevel(Level.SEVERE);
    }

    private final String clusterName = "tcp-adapter-test-" + UUID.randomUUID();
    private final Map<String, String> properties;
    private final List<HazelcastInstance> started = new CopyOnWriteArrayList<>();

    TestGrid() {
        this(Map.of());
    }

    /** @param properties Hazelcast properties of every member, beside those of the test grid */
    TestGrid(Map<String, String> properties) {
        this.properties = properties;
    }

    /** @return a member that Payara has not named */
    HazelcastInstance start() {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "1");
        config.setProperty("hazelcast.partition.count", "11");
        config.setProperty("hazelcast.socket.bind.any", "false");
        properties.forEach(config::setProperty);
        NetworkConfig network = config.getNetworkConfig().setPort(PORT).setPortCount(PORTS).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port = PORT; port < PORT + PORTS; port++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        started.add(member);
        return member;
    }

    /** @return a member named as Payara names it once it has joined: in its map of names, by member UUID */
    HazelcastInstance start(String name) {
        HazelcastInstance member = start();
        Map<String, String> entry = new HashMap<>();
        entry.put(MemberNames.NAME, name);
        member.<UUID, Map<String, String>>getMap(MemberNames.MAP).put(uuid(member), entry);
        return member;
    }

    static UUID uuid(HazelcastInstance member) {
        return member.getCluster().getLocalMember().getUuid();
    }

    static ClusterMember named(HazelcastInstance member, String name) {
        return new ClusterMember(uuid(member).toString(), name);
    }

    @Override
    public void close() {
        started.forEach(member -> member.getLifecycleService().terminate());
    }
}
