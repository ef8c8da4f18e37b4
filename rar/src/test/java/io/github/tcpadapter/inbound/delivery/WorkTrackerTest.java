package io.github.tcpadapter.inbound.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkTrackerTest {

    private final WorkTracker works = new WorkTracker();

    @Test
    void nothingRunningMeansNoWait() throws Exception {
        assertThat(works.awaitNone(0)).isTrue();
    }

    @Test
    void aRunningWorkOutlastsTheTimeout() throws Exception {
        works.started();

        assertThat(works.awaitNone(20)).isFalse();
    }

    @Test
    void waitEndsWhenTheLastWorkFinishes() throws Exception {
        works.started();
        works.started();
        Thread finisher = new Thread(() -> {
            works.finished();
            works.finished();
        });

        finisher.start();

        assertThat(works.awaitNone(5_000)).isTrue();
        finisher.join(5_000);
    }
}
