package io.github.tcpadapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.testing.LogCapture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SummarizedLogTest {

    private final Logger logger = Logger.getLogger(SummarizedLogTest.class.getName());
    private LogCapture capture;
    private long now;
    private final SummarizedLog log = new SummarizedLog(logger, Level.WARNING, "listener", "connections refused",
            () -> now);

    @BeforeEach
    void capture() {
        capture = LogCapture.install(logger, Level.ALL);
    }

    @AfterEach
    void release() {
        capture.close();
    }

    private List<String> lines() {
        return capture.lines(Level.WARNING);
    }

    private void at(long millis) {
        now = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void theFirstEventIsLoggedAtOnceAndTheRestOfTheIntervalIsSummedUp() {
        at(0);
        log.event(() -> "refused 1");
        for (int i = 2; i <= 1_000; i++) {
            int n = i;
            at(i);
            log.event(() -> "refused " + n);
        }
        assertThat(lines()).containsExactly("listener: refused 1");

        log.flush();
        assertThat(lines()).containsExactly("listener: refused 1",
                "listener: 999 more connections refused in the last 10 s; the last: refused 1000");
        log.flush();
        assertThat(lines()).hasSize(2);
    }

    @Test
    void anEventAfterTheIntervalIsLoggedAtOnceAfterTheSumOfThoseBefore() {
        at(0);
        log.event(() -> "first");
        at(5_000);
        log.event(() -> "second");
        at(SummarizedLog.INTERVAL_MILLIS + 1);
        log.event(() -> "third");

        assertThat(lines()).containsExactly("listener: first",
                "listener: 1 more connections refused in the last 10 s; the last: second", "listener: third");
    }
}
