package io.github.tcpadapter.cluster.it;

import static io.github.tcpadapter.cluster.it.ClusterTopology.ASYNC_GATEWAY;
import static io.github.tcpadapter.cluster.it.ClusterTopology.CHAT;
import static io.github.tcpadapter.cluster.it.ClusterTopology.ECHO;
import static io.github.tcpadapter.cluster.it.ClusterTopology.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topology as the build starts it: both instances in one data grid, both serving through HAProxy. */
class ClusterTopologyIT {

    private static final Duration READ = Duration.ofSeconds(5);

    private static ClusterTopology topology;

    @BeforeAll
    static void startCluster() {
        topology = ClusterTopology.get();
    }

    @Test
    void theDataGridHoldsTheDasAndBothInstances() {
        List<String> members = topology.cluster().dataGridMembers().lines()
                .map(line -> line.split("\\s+")[0]).toList();

        assertThat(members).contains("server", "i1", "i2");
    }

    @Test
    void echoThroughHaproxyIsServedByBothInstancesAndTheBeanSeesTheClientsAddress() throws Exception {
        List<LineClient> clients = new ArrayList<>();
        try {
            Map<String, Long> framesBefore = new HashMap<>();
            for (PayaraInstance instance : topology.instances()) {
                framesBefore.put(instance.name(), topology.console(instance).framesIn(ECHO));
            }
            Map<String, Integer> held = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                LineClient client = topology.connectThroughBalancer(ECHO, READ);
                clients.add(client);
                assertThat(client.request("hello " + i)).isEqualTo("ok: hello " + i);
                // the session's peer is the client's own address and port, not HAProxy's (127.0.0.2): PROXY v2
                PayaraInstance instance = topology.instanceHolding(ECHO, client.localPort())
                        .orElseThrow(() -> new AssertionError("No instance holds a session from 127.0.0.1:"
                                + client.localPort()));
                held.merge(instance.name(), 1, Integer::sum);
            }

            assertThat(held).containsOnlyKeys("i1", "i2");
            // and each instance's listener counted the frames of the clients it holds
            for (PayaraInstance instance : topology.instances()) {
                long frames = topology.console(instance).framesIn(ECHO) - framesBefore.get(instance.name());
                assertThat(frames).as(instance.name() + "'s echo listener's frames")
                        .isEqualTo((long) held.get(instance.name()));
            }
        } finally {
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void theGatewaysAnswerThroughHaproxyFromTheBackendOutsideTheCluster() throws Exception {
        try (LineClient gateway = topology.connectThroughBalancer(GATEWAY, READ);
                LineClient asyncGateway = topology.connectThroughBalancer(ASYNC_GATEWAY, READ)) {
            assertThat(gateway.request("one")).isEqualTo("backend: ok: one");
            assertThat(asyncGateway.request("two three")).isEqualTo("backend: ok: two | ok: three");
        }
    }

    @Test
    void aChatClientThroughHaproxyIsWelcomedAndReachedThroughItsInstancesConsole() throws Exception {
        try (LineClient chat = topology.connectThroughBalancer(CHAT, READ)) {
            String welcome = chat.readLine();
            assertThat(welcome).startsWith("welcome ");
            String session = welcome.substring("welcome ".length());
            PayaraInstance instance = topology.instanceHolding(CHAT, chat.localPort()).orElseThrow();

            topology.console(instance).send(session, "from the console of " + instance.name());

            assertThat(chat.readLine()).isEqualTo("from the console of " + instance.name());
        }
    }

    @Test
    void aClientOnLoopbackReachesAnInstanceDirectlyWithoutAHeader() throws Exception {
        // HAProxy connects from 127.0.0.2, the listeners' only trusted balancer: a client on 127.0.0.1 is direct,
        // so the chat's welcome comes at once rather than after the client's first bytes
        try (LineClient chat = topology.connectDirectly(topology.cluster().instance(1), CHAT, READ)) {
            assertThat(chat.readLine()).startsWith("welcome ");
        }
    }
}
