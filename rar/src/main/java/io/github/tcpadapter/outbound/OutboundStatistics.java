package io.github.tcpadapter.outbound;

import io.github.tcpadapter.metrics.LatencyStatistics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the connections of one factory configuration did, for its MXBean: adders and a histogram, so that counting a
 * request takes no lock, and the live connections, looked at only when an operator asks.
 */
final class OutboundStatistics {

    final LongAdder connects = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder checkoutReplacements = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder peerClosures = new LongAdder();
    final LongAdder invalidFrames = new LongAdder();
    final LongAdder ioErrors = new LongAdder();
    final LatencyStatistics requestMicros = new LatencyStatistics();
    private final Set<TcpManagedConnection> connections = ConcurrentHashMap.newKeySet();

    // the histogram's count is the number of requests answered
    void answered(long startNanos) {
        requestMicros.recordSince(startNanos);
    }

    /** A pooled connection was created: it counts until it is destroyed. */
    void created(TcpManagedConnection connection) {
        connections.add(connection);
    }

    void destroyed(TcpManagedConnection connection) {
        connections.remove(connection);
    }

    int socketsOpen() {
        return (int) connections.stream().filter(TcpManagedConnection::hasSocket).count();
    }

    int socketsLent() {
        return (int) connections.stream().filter(TcpManagedConnection::isLent).count();
    }
}
