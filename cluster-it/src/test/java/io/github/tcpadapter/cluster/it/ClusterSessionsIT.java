package io.github.tcpadapter.cluster.it;

import static io.github.tcpadapter.cluster.it.ClusterTopology.CHAT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sessions are the cluster's: the sample chat is one room across both instances, and either instance's console
 * lists every session with the member that holds it and sends to any of them.
 */
class ClusterSessionsIT {

    private static final Duration READ = Duration.ofSeconds(10);
    private static final Duration DIRECTORY = Duration.ofSeconds(10);

    private static ClusterTopology topology;

    @BeforeAll
    static void startCluster() {
        topology = ClusterTopology.whole();
    }

    // an earlier test's chat clients are gone from the room: no news of theirs comes to this test's clients
    @BeforeEach
    void emptyRoom() {
        for (PayaraInstance instance : topology.instances()) {
            Await.until(DIRECTORY, () -> {
                try {
                    return topology.console(instance).sessions(CHAT).isEmpty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, () -> instance.name() + " still lists chat sessions after " + DIRECTORY.toSeconds() + " s");
        }
    }

    @Test
    void chatClientsOnDifferentInstancesThroughHaproxyAreInOneRoom() throws Exception {
        List<LineClient> clients = new ArrayList<>();
        try {
            // through the balancer until one client is on each instance
            LineClient first = null;
            LineClient second = null;
            String firstId = null;
            String secondId = null;
            String firstInstance = null;
            for (int i = 0; i < 6 && second == null; i++) {
                LineClient client = topology.connectThroughBalancer(CHAT, READ);
                clients.add(client);
                String id = welcomed(client);
                String instance = topology.instanceHolding(CHAT, client.localPort()).orElseThrow().name();
                if (first == null) {
                    first = client;
                    firstId = id;
                    firstInstance = instance;
                    awaitListedEverywhere(firstId, firstInstance);
                } else if (!instance.equals(firstInstance)) {
                    second = client;
                    secondId = id;
                } else {
                    client.close(); // on the same instance: the room hears it leave
                    assertThat(first.readLine()).isEqualTo("joined " + id);
                    assertThat(first.readLine()).isEqualTo("left " + id);
                }
            }
            assertThat(second).as("a client on the other instance within 6 connections").isNotNull();

            // the second instance's bean told the first instance's client
            assertThat(first.readLine()).isEqualTo("joined " + secondId);
            awaitListedEverywhere(secondId, topology.instanceHolding(CHAT, second.localPort()).orElseThrow().name());
            assertThat(first.request("hello from " + firstInstance)).isEqualTo("ok");
            assertThat(second.readLine()).isEqualTo(firstId + ": hello from " + firstInstance);
            assertThat(second.request("and back")).isEqualTo("ok");
            assertThat(first.readLine()).isEqualTo(secondId + ": and back");

            second.close();
            assertThat(first.readLine()).isEqualTo("left " + secondId);
        } finally {
            for (LineClient client : clients) {
                client.close();
            }
        }
    }

    @Test
    void eitherConsoleListsEverySessionWithItsMemberAndSendsToAny() throws Exception {
        PayaraInstance one = topology.cluster().instance(0);
        PayaraInstance two = topology.cluster().instance(1);
        try (LineClient onOne = topology.connectDirectly(one, CHAT, READ);
                LineClient onTwo = topology.connectDirectly(two, CHAT, READ)) {
            String oneId = welcomed(onOne);
            String twoId = welcomed(onTwo);
            awaitListedEverywhere(oneId, one.name());
            awaitListedEverywhere(twoId, two.name());

            topology.console(one).send(twoId, "from " + one.name() + "'s console");
            topology.console(two).send(oneId, "from " + two.name() + "'s console");

            assertThat(skipRoomNews(onTwo)).isEqualTo("from " + one.name() + "'s console");
            assertThat(skipRoomNews(onOne)).isEqualTo("from " + two.name() + "'s console");
        }
    }

    // the room's news (this test's clients joining, an earlier test's leaving) may come before the console's line
    private static String skipRoomNews(LineClient client) throws IOException {
        String line = client.readLine();
        for (int i = 0; i < 10 && (line.startsWith("joined ") || line.startsWith("left ")); i++) {
            line = client.readLine();
        }
        return line;
    }

    static String welcomed(LineClient chat) throws IOException {
        String welcome = chat.readLine();
        assertThat(welcome).startsWith("welcome ");
        return welcome.substring("welcome ".length());
    }

    private static void awaitListedEverywhere(String sessionId, String member) {
        topology.awaitListed(topology.instances(), CHAT, sessionId, member, DIRECTORY);
    }
}
