package io.github.tcpadapter.outbound.multiplex;

import java.util.concurrent.atomic.LongAdder;

/** What a factory configuration's multiplexed requests did since its links were first used: adders, no lock. */
public final class MultiplexCounters {

    final LongAdder replies = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder unmatched = new LongAdder();
    final LongAdder duplicateKeys = new LongAdder();
    final LongAdder refusedFull = new LongAdder();
    final LongAdder failed = new LongAdder();

    /** @return the requests answered by their reply */
    public long replies() {
        return replies.sum();
    }

    /** @return the requests that timed out (completed with {@code TcpTimeoutException}) */
    public long timeouts() {
        return timeouts.sum();
    }

    /** @return the replies that came for a request that had timed out: dropped */
    public long lateReplies() {
        return late.sum();
    }

    /** @return the frames received that answered no request: no key, an unknown key, or none in flight */
    public long unmatchedFrames() {
        return unmatched.sum();
    }

    /** @return the requests refused unwritten because a request with the same key was in flight */
    public long duplicateKeysRefused() {
        return duplicateKeys.sum();
    }

    /** @return the requests refused unwritten because every connection had {@code maxInFlight} in flight */
    public long refusedFull() {
        return refusedFull.sum();
    }

    /** @return the requests failed by a lost connection, a failed connect or a stop */
    public long failed() {
        return failed.sum();
    }
}
