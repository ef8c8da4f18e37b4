package io.github.tcpadapter.cluster.it;

import static io.github.tcpadapter.cluster.it.ClusterTopology.ECHO;
import static io.github.tcpadapter.cluster.it.ClusterTopology.GATEWAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each instance restarted gracefully in turn ({@code asadmin stop-instance}, then {@code start-instance}) while
 * clients loop request/reply through HAProxy, reconnecting and sending again what got no answer when their
 * connection closes. Target: no request failed, none answered wrongly. Figures: {@code target/cluster-faults.txt}.
 */
class RollingRestartIT {

    private static final Duration PROGRESS = Duration.ofSeconds(60);

    private static ClusterTopology topology;

    @BeforeAll
    static void startCluster() {
        topology = ClusterTopology.whole();
    }

    @Test
    void restartingEachInstanceInTurnLosesNoRequest() throws Exception {
        FaultReport report = new FaultReport(topology, "Rolling restart: stop-instance then start-instance, i1 then"
                + " i2, clients looping through HAProxy");
        ClientGroup echoClients = new ClientGroup();
        ClientGroup gatewayClients = new ClientGroup();
        List<LoopingClient.Figures> echo;
        List<LoopingClient.Figures> gateway;
        try {
            echoClients.start("echo", 6, ClusterTopology.balancerPort(ECHO), request -> "ok: " + request);
            gatewayClients.start("gateway", 4, ClusterTopology.balancerPort(GATEWAY),
                    request -> "backend: ok: " + request);
            echoClients.awaitProgress(20, PROGRESS);
            gatewayClients.awaitProgress(20, PROGRESS);

            for (PayaraInstance instance : topology.instances()) {
                report.timed(instance.name() + ": stop-instance", () -> topology.cluster().stop(instance));
                report.line(instance.name() + " in HAProxy then: " + topology.haproxy().serverState("echo",
                        instance.name()));
                report.timed(instance.name() + ": start-instance until ready", () -> topology.cluster()
                        .start(instance));
                report.timed(instance.name() + ": then until HAProxy sends it connections", topology::awaitWhole);
                // both groups go on after the restart (on the other instance, or back on this one)
                echoClients.awaitProgress(20, PROGRESS);
                gatewayClients.awaitProgress(20, PROGRESS);
            }
        } finally {
            echo = echoClients.stop();
            gateway = gatewayClients.stop();
            report.clients("echo through HAProxy", echo).clients("gateway through HAProxy", gateway).write();
        }

        List<LoopingClient.Figures> all = Stream.concat(echo.stream(), gateway.stream()).toList();
        for (LoopingClient.Figures client : all) {
            assertThat(client.failures()).as(client.client() + "'s failed requests").isEmpty();
            assertThat(client.wrong()).as(client.client() + "'s wrong replies " + client.wrongExamples()).isZero();
        }
        // the restarts did reach the clients: each instance held some of their connections when it stopped
        assertThat(all.stream().mapToLong(LoopingClient.Figures::closesSeen).sum())
                .as("connections closed under the clients").isPositive();
    }
}
