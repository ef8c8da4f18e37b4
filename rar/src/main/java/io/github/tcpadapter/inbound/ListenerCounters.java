package io.github.tcpadapter.inbound;

import io.github.tcpadapter.metrics.LatencyStatistics;
import java.util.concurrent.atomic.LongAdder;

/** The traffic counters of one listener, for its MXBean: adders, so that counting a frame takes no lock. */
final class ListenerCounters {

    final LongAdder accepted = new LongAdder();
    final LongAdder framesIn = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder repliesOut = new LongAdder();
    final LongAdder pushesOut = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LatencyStatistics deliveries = new LatencyStatistics();

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
