package io.github.tcpadapter.conversation;

import java.util.concurrent.atomic.LongAdder;

/** What the heartbeats of a listener's link or a factory's links did since the start: adders, no lock. */
public final class HeartbeatCounters {

    private final LongAdder sent = new LongAdder();
    private final LongAdder missed = new LongAdder();

    /** Counts a heartbeat written. */
    public void sent() {
        sent.increment();
    }

    /** Counts a heartbeat whose answer did not come in time: its link was recycled. */
    public void missed() {
        missed.increment();
    }

    /** @return the heartbeats written */
    public long heartbeatsSent() {
        return sent.sum();
    }

    /** @return the heartbeats not answered within {@code heartbeatReplyTimeoutMillis} */
    public long heartbeatsMissed() {
        return missed.sum();
    }
}
