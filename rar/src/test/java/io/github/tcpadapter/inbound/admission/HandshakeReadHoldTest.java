package io.github.tcpadapter.inbound.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** A connection's reading waits while its handshake task is out, so the client's bytes stay in its socket. */
class HandshakeReadHoldTest {

    private final Queue<Runnable> elsewhere = new ArrayDeque<>();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final HandshakeReadHold hold = new HandshakeReadHold(channel, elsewhere::add);

    HandshakeReadHoldTest() {
        channel.pipeline().addLast(hold);
    }

    @Test
    void readingWaitsUntilEveryTaskIsBack() {
        boolean[] ran = new boolean[2];
        hold.execute(() -> ran[0] = true);
        hold.execute(() -> ran[1] = true);
        assertThat(channel.config().isAutoRead()).isFalse();

        elsewhere.poll().run();
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("one task still out").isFalse();
        elsewhere.poll().run();
        channel.runPendingTasks();

        assertThat(ran).containsExactly(true, true);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void aClientThatLeftCostsNoTask() {
        boolean[] ran = new boolean[1];
        hold.execute(() -> ran[0] = true);
        channel.close();

        elsewhere.poll().run();

        assertThat(ran[0]).isFalse();
    }

    @Test
    void retiringResumesReadingAndLeavesReadingToOthers() {
        hold.execute(() -> { });
        hold.retire();

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(channel.pipeline().get(HandshakeReadHold.class)).isNull();
        channel.config().setAutoRead(false); // the read gate's backpressure, say
        elsewhere.poll().run();
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("a late release changes nothing").isFalse();
    }

    @Test
    void aRefusedTaskReleasesTheHold() {
        HandshakeReadHold refusing = new HandshakeReadHold(channel, task -> {
            throw new RejectedExecutionException("no thread");
        });

        assertThatThrownBy(() -> refusing.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
