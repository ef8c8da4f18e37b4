package io.github.tcpadapter.inbound.session;

import io.github.tcpadapter.metrics.LatencyStatistics;
import java.util.concurrent.atomic.LongAdder;

/** The traffic counters of one listener, for its MXBean: adders, so that counting a frame takes no lock. */
public final class ListenerCounters {

    public final LongAdder accepted = new LongAdder();
    public final LongAdder framesIn = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder repliesOut = new LongAdder();
    public final LongAdder pushesOut = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LatencyStatistics deliveries = new LatencyStatistics();

    void received(int payloadBytes) {
        framesIn.increment();
        bytesIn.add(payloadBytes);
    }

    void replied(int payloadBytes) {
        repliesOut.increment();
        bytesOut.add(payloadBytes);
    }

    void pushed(int payloadBytes) {
        pushesOut.increment();
        bytesOut.add(payloadBytes);
    }
}
