package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's chat bean: connect and disconnect reach the bean, and the bean pushes lines to clients through their
 * sessions. What it pushes shows when and how often the adapter called it.
 */
@ExtendWith(ArquillianExtension.class)
class InboundSessionsIT {

    private static final int CHAT_PORT = FreePort.next();
    private static final int GUESTS = 10;
    private static final int LINES = 5;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next())
                .activation("ChatListener", "port", CHAT_PORT)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void theBeanGreetsRepliesAndPushesToTheOthers() throws Exception {
        try (LineClient alice = new LineClient(CHAT_PORT)) {
            String aliceId = welcomedId(alice);
            String bobId;
            try (LineClient bob = new LineClient(CHAT_PORT)) {
                bobId = welcomedId(bob);
                assertThat(bobId).isNotEqualTo(aliceId);
                assertThat(alice.readLine()).isEqualTo("joined " + bobId);

                assertThat(bob.request("hello")).isEqualTo("ok");
                assertThat(alice.readLine()).isEqualTo(bobId + ": hello");
                assertThat(alice.request("hi bob")).isEqualTo("ok");
                assertThat(bob.readLine()).isEqualTo(aliceId + ": hi bob");
            }
            assertThat(alice.readLine()).isEqualTo("left " + bobId);
        }
    }

    @Test
    void connectAndDisconnectComeOncePerConnectionAroundItsFrames() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(GUESTS);
        try (LineClient watcher = new LineClient(CHAT_PORT)) {
            String watcherId = welcomedId(watcher);
            List<Future<String>> guests = new ArrayList<>();
            for (int g = 0; g < GUESTS; g++) {
                guests.add(threads.submit(guest()));
            }
            Map<String, List<String>> seen = watch(watcher, watcherId);

            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (Future<String> guest : guests) {
                String id = guest.get(30, TimeUnit.SECONDS);
                List<String> events = new ArrayList<>();
                events.add("joined " + id);
                for (int i = 0; i < LINES; i++) {
                    events.add(id + ": line " + i);
                }
                events.add("left " + id);
                expected.put(id, events);
            }
            assertThat(seen).isEqualTo(expected);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A guest joins, says its lines concurrently with the others, waits for their acknowledgements and leaves. */
    private static Callable<String> guest() {
        return () -> {
            try (LineClient guest = new LineClient(CHAT_PORT)) {
                String id = welcomedId(guest);
                for (int i = 0; i < LINES; i++) {
                    guest.send("line " + i);
                }
                int acknowledged = 0;
                // besides its acknowledgements a guest gets the others' lines: a bounded number of them
                for (int read = 0; acknowledged < LINES && read < GUESTS * (LINES + 2); read++) {
                    if ("ok".equals(guest.readLine())) {
                        acknowledged++;
                    }
                }
                assertThat(acknowledged).isEqualTo(LINES);
                return id;
            }
        };
    }

    /** @return what the watcher was told about each guest, in order, once every guest has left */
    private static Map<String, List<String>> watch(LineClient watcher, String watcherId) throws Exception {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        int left = 0;
        for (int read = 0; left < GUESTS && read < GUESTS * (LINES + 2); read++) {
            String line = watcher.readLine();
            assertThat(line).as("pushed line").isNotNull();
            String guest = line.startsWith("joined ") || line.startsWith("left ")
                    ? line.substring(line.indexOf(' ') + 1)
                    : line.substring(0, line.indexOf(':'));
            assertThat(guest).isNotEqualTo(watcherId);
            seen.computeIfAbsent(guest, id -> new ArrayList<>()).add(line);
            if (line.startsWith("left ")) {
                left++;
            }
        }
        return seen;
    }

    private static String welcomedId(LineClient client) throws Exception {
        String welcome = client.readLine();
        assertThat(welcome).startsWith("welcome ");
        return welcome.substring("welcome ".length());
    }
}
