package io.github.tcpadapter.inbound.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.testing.LogCapture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Handshake tasks run at most so many at once, in order, and a failing one does not keep its turn. */
class HandshakeWorksTest {

    private final Queue<Runnable> works = new ArrayDeque<>();
    private final List<String> ran = new ArrayList<>();

    @Test
    void tasksBeyondTheLimitWaitAndRunInOrderOnTheWorksAlreadyStarted() {
        HandshakeWorks tasks = new HandshakeWorks(works::add, 2);
        for (int i = 1; i <= 5; i++) {
            String name = "task " + i;
            tasks.execute(() -> ran.add(name));
        }

        assertThat(works).as("no more works than the limit").hasSize(2);
        works.poll().run();
        works.poll().run();
        assertThat(ran).containsExactlyInAnyOrder("task 1", "task 2", "task 3", "task 4", "task 5")
                .containsSubsequence("task 3", "task 4", "task 5");
        tasks.execute(() -> ran.add("later"));
        assertThat(works).as("the turns are free again").hasSize(1);
    }

    @Test
    void aTaskThatThrowsGivesItsTurnToTheNext() {
        HandshakeWorks tasks = new HandshakeWorks(works::add, 1);
        tasks.execute(() -> {
            throw new IllegalStateException("a broken task");
        });
        tasks.execute(() -> ran.add("next"));

        try (LogCapture log = LogCapture.install(Logger.getLogger(HandshakeWorks.class.getName()), Level.INFO)) {
            works.poll().run();
            assertThat(log.lines(Level.WARNING)).singleElement().asString().contains("a broken task");
        }
        assertThat(ran).containsExactly("next");
        tasks.execute(() -> ran.add("after"));
        assertThat(works).hasSize(1);
    }
}
