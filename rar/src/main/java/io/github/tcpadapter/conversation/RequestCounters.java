package io.github.tcpadapter.conversation;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the {@code requestAsync} calls of a factory configuration, or to a listener's sessions, did since they began:
 * adders, no lock.
 */
public final class RequestCounters {

    private final LongAdder replies = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder unmatched = new LongAdder();
    private final LongAdder duplicateKeys = new LongAdder();
    private final LongAdder refusedFull = new LongAdder();

    /** Counts a request answered by its reply. */
    public void countReply() {
        replies.increment();
    }

    /** Counts a request that got no reply within its timeout. */
    public void countTimeout() {
        timeouts.increment();
    }

    /** Counts a request failed by a lost connection, a failed connect or a stop. */
    public void countFailure() {
        failed.increment();
    }

    /** Counts a reply that came after its request timed out. */
    public void countLate() {
        late.increment();
    }

    /** Counts a frame that answered no request. */
    public void countUnmatched() {
        unmatched.increment();
    }

    /** Counts a request refused because a request with its key was in flight. */
    public void countDuplicateKey() {
        duplicateKeys.increment();
    }

    /** Counts a request refused because {@code maxInFlight} were in flight. */
    public void countRefusedFull() {
        refusedFull.increment();
    }

    /** @return the requests answered by their reply */
    public long replies() {
        return replies.sum();
    }

    /** @return the requests that timed out (completed with {@code TcpTimeoutException}) */
    public long timeouts() {
        return timeouts.sum();
    }

    /** @return the requests failed by a lost connection, a failed connect or a stop */
    public long failed() {
        return failed.sum();
    }

    /** @return the replies that came after their request had timed out */
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

    /** @return the requests refused unwritten because {@code maxInFlight} were in flight */
    public long refusedFull() {
        return refusedFull.sum();
    }
}
