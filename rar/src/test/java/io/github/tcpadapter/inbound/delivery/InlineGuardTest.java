package io.github.tcpadapter.inbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.testing.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When a listener with delivery=INLINE calls on its I/O threads, on a clock the test moves. */
class InlineGuardTest {

    private static final long MAX_MILLIS = 10;

    private long now = 1_000_000_000L;
    private final InlineGuard guard = new InlineGuard(MAX_MILLIS, "listener 9000", () -> now);
    private final LogCapture log = LogCapture.install(Logger.getLogger(InlineGuard.class.getName()), Level.INFO);

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void callsWithinTheBoundStayInline() {
        call("a", MAX_MILLIS);
        assertThat(guard.allows()).isTrue();
        assertThat(guard.fallbacks()).isZero();
        assertThat(log.lines(Level.WARNING)).isEmpty();
    }

    @Test
    void aSlowCallHandsOffForASecondThenDoublingUpToAMinute() {
        long[] expected = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (long handOff : expected) {
            call("slow", MAX_MILLIS + 1);
            assertThat(guard.allows()).isFalse();
            advance(handOff - 1);
            assertThat(guard.allows()).as("still handing off after %d ms", handOff - 1).isFalse();
            advance(1);
            assertThat(guard.allows()).isTrue();
        }
        assertThat(guard.fallbacks()).isEqualTo(expected.length);
        assertThat(log.lines(Level.WARNING)).hasSize(expected.length).last().asString()
                .contains("slow").contains("took 11 ms").contains("inlineMaxMillis 10").contains("for 60000 ms");
    }

    @Test
    void tenMinutesWithoutASlowCallStartOverAtASecond() {
        call("slow", 50);
        advance(1_000);
        call("slow", 50);
        assertThat(log.lines(Level.WARNING)).last().asString().contains("for 2000 ms");
        advance(2_000 + 600_001);
        call("slow", 50);
        assertThat(log.lines(Level.WARNING)).last().asString().contains("for 1000 ms");
    }

    @Test
    void theWatchdogSeesACallStillRunningAndItsEndIsNotCountedAgain() {
        long start = guard.started("stuck");
        advance(MAX_MILLIS);
        guard.watch();
        assertThat(guard.allows()).isTrue();
        advance(1);
        guard.watch();
        guard.watch();
        assertThat(guard.allows()).isFalse();
        advance(500);
        guard.ended("stuck", start);
        assertThat(guard.fallbacks()).isEqualTo(1);
        assertThat(log.lines(Level.WARNING)).singleElement().asString()
                .contains("stuck").contains("has been running for 11 ms");
        advance(500);
        guard.watch();
        assertThat(guard.allows()).as("the ended call is no longer watched").isTrue();
    }

    private void call(String connection, long millis) {
        long start = guard.started(connection);
        advance(millis);
        guard.ended(connection, start);
    }

    private void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
