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
        try (ChatClient alice = new ChatClient(CHAT_PORT)) {
            String bobId;
            try (ChatClient bob = new ChatClient(CHAT_PORT, alice.id())) {
                bobId = bob.id();
                assertThat(bobId).isNotEqualTo(alice.id());
                assertThat(alice.next()).isEqualTo("joined " + bobId);

                assertThat(bob.say("hello")).isEqualTo("ok");
                assertThat(alice.next()).isEqualTo(bobId + ": hello");
                assertThat(alice.say("hi bob")).isEqualTo("ok");
                assertThat(bob.next()).isEqualTo(alice.id() + ": hi bob");
            }
            assertThat(alice.next()).isEqualTo("left " + bobId);
        }
    }

    @Test
    void connectAndDisconnectComeOncePerConnectionAroundItsFrames() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(GUESTS);
        try (ChatClient watcher = new ChatClient(CHAT_PORT)) {
            List<Future<String>> guests = new ArrayList<>();
            for (int g = 0; g < GUESTS; g++) {
                guests.add(threads.submit(guest()));
            }
            Map<String, List<String>> seen = new LinkedHashMap<>();
            for (int left = 0, read = 0; left < GUESTS && read < GUESTS * (LINES + 2); read++) {
                String line = watcher.next();
                seen.computeIfAbsent(ChatClient.subject(line), id -> new ArrayList<>()).add(line);
                left += line.startsWith("left ") ? 1 : 0;
            }

            Map<String, List<String>> expected = new LinkedHashMap<>();
            for (Future<String> guest : guests) {
                String id = guest.get(30, TimeUnit.SECONDS);
                List<String> lifecycle = new ArrayList<>(List.of("joined " + id));
                for (int i = 0; i < LINES; i++) {
                    lifecycle.add(id + ": line " + i);
                }
                lifecycle.add("left " + id);
                expected.put(id, lifecycle);
            }
            assertThat(seen).isEqualTo(expected);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A guest joins, says its lines while the others say theirs, waits for their acknowledgements and leaves. */
    private static Callable<String> guest() {
        return () -> {
            try (ChatClient guest = new ChatClient(CHAT_PORT)) {
                for (int i = 0; i < LINES; i++) {
                    guest.send("line " + i);
                }
                int acknowledged = 0;
                // besides its acknowledgements a guest hears the later guests: a bounded number of lines
                for (int read = 0; acknowledged < LINES && read < GUESTS * (LINES + 2); read++) {
                    if ("ok".equals(guest.next())) {
                        acknowledged++;
                    }
                }
                assertThat(acknowledged).isEqualTo(LINES);
                return guest.id();
            }
        };
    }
}
