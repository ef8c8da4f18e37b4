package io.github.tcpadapter.cluster.it;

import static io.github.tcpadapter.cluster.it.ClusterTopology.CHAT;
import static io.github.tcpadapter.cluster.it.ClusterTopology.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.TreeSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of one instance's JVM while clients loop request/reply through HAProxy: the survivor's clients see
 * nothing; the dead member's clients see their connection closed (never a wrong reply) and are answered again
 * through HAProxy within 5 s; the survivor's session directory drops the dead member's sessions. Then the instance
 * is started again, so the topology is whole for the next test.
 * Figures: {@code target/cluster-faults.txt}.
 */
class KillMemberIT {

    private static final Duration PROGRESS = Duration.ofSeconds(60);
    private static final long MAX_RECONNECT_MILLIS = 5_000;
    private static final Duration READ = Duration.ofSeconds(10);
    // the data grid takes a killed member out at once (its port refuses): the directory follows
    private static final Duration DIRECTORY = Duration.ofSeconds(10);

    private static ClusterTopology topology;

    @BeforeAll
    static void startCluster() {
        topology = ClusterTopology.whole();
    }

    @Test
    void theKilledInstancesClientsReconnectWithin5sAndTheSurvivorsSeeNothing() throws Exception {
        PayaraInstance victim = topology.cluster().instance(0);
        PayaraInstance survivor = topology.cluster().instance(1);
        FaultReport report = new FaultReport(topology, "kill -9 of " + victim.name() + " under load, clients"
                + " looping through HAProxy; then start-instance");
        ClientGroup clients = new ClientGroup();
        Set<String> onVictim = new TreeSet<>();
        Set<String> onSurvivor = new TreeSet<>();
        List<LoopingClient.Figures> figures;
        try (LineClient chat = topology.connectDirectly(victim, CHAT, READ)) {
            String chatSession = ClusterSessionsIT.welcomed(chat);
            topology.awaitListed(List.of(survivor), CHAT, chatSession, victim.name(), DIRECTORY);
            clients.start("echo", 8, ClusterTopology.balancerPort(ECHO), request -> "ok: " + request);
            clients.awaitProgress(20, PROGRESS);
            for (LoopingClient client : clients.clients()) {
                int localPort = client.localPort();
                String holder = topology.instanceHolding(ECHO, localPort).map(PayaraInstance::name).orElseThrow(
                        () -> new AssertionError("No instance holds " + client.name() + "'s connection from "
                                + localPort));
                (holder.equals(victim.name()) ? onVictim : onSurvivor).add(client.name());
            }
            report.line("before the kill: " + onVictim + " on " + victim.name() + ", " + onSurvivor + " on "
                    + survivor.name());
            assertThat(onVictim).as("clients on " + victim.name()).isNotEmpty();
            assertThat(onSurvivor).as("clients on " + survivor.name()).isNotEmpty();

            report.timed("kill -9 " + victim.name() + " (pid " + victim.runningProcess().pid() + ") until gone",
                    () -> topology.cluster().kill(victim));
            report.timed("then until HAProxy saw " + victim.name() + " DOWN", () -> topology.haproxy()
                    .awaitServerState("echo", victim.name(), "DOWN", Duration.ofSeconds(10)));
            report.timed("and until " + survivor.name() + "'s session directory lists none of "
                    + victim.name() + "'s chat sessions", () -> topology.awaitNoneListed(survivor, CHAT, victim.name(),
                            DIRECTORY));
            clients.awaitProgress(20, PROGRESS);
        } finally {
            figures = clients.stop();
            report.clients("echo, on " + victim.name() + " when it was killed", select(figures, onVictim))
                    .clients("echo, on " + survivor.name(), select(figures, onSurvivor));
            try {
                report.timed("start-instance " + victim.name() + " until ready", () -> topology.cluster()
                        .start(victim));
                report.timed("then until HAProxy sends it connections", topology::awaitWhole);
            } finally {
                report.write();
            }
        }

        for (LoopingClient.Figures client : select(figures, onSurvivor)) {
            assertThat(client.closesSeen()).as(client.client() + " on the survivor saw its connection closed")
                    .isZero();
            assertThat(client.failures()).as(client.client() + "'s failed requests").isEmpty();
            assertThat(client.wrong()).as(client.client() + "'s wrong replies " + client.wrongExamples()).isZero();
        }
        for (LoopingClient.Figures client : select(figures, onVictim)) {
            assertThat(client.closesSeen()).as(client.client() + " on the killed instance saw a close").isPositive();
            assertThat(client.failures()).as(client.client() + "'s failed requests").isEmpty();
            assertThat(client.wrong()).as(client.client() + "'s wrong replies " + client.wrongExamples()).isZero();
            assertThat(client.reconnectMillis()).as(client.client() + "'s reconnect times (ms)")
                    .allMatch(millis -> millis <= MAX_RECONNECT_MILLIS);
        }
    }

    private static List<LoopingClient.Figures> select(List<LoopingClient.Figures> figures, Set<String> names) {
        List<LoopingClient.Figures> selected = new ArrayList<>();
        for (LoopingClient.Figures client : figures) {
            if (names.contains(client.client())) {
                selected.add(client);
            }
        }
        return selected;
    }
}
