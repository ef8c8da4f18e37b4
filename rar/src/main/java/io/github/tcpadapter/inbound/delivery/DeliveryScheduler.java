package io.github.tcpadapter.inbound.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the connection queues that have calls due, each on one work at a time, with at most {@link #limit()} works
 * at once. A queue that still has calls after a batch goes to the back of the line, so that a busy connection
 * cannot starve the others when the limit is reached.
 *
 * <p>The limit starts at {@code maxConcurrency} (no limit for 0) and adapts to the server: when the server refuses
 * an endpoint (its bean pool is full) or a thread, the refused queue waits at the head of the line and the limit
 * drops to the works still running; with none running, the queue is tried again after a backoff (5 ms doubling to
 * 1 s). After {@value #CLIMB_FACTOR} × limit batches without a refusal, the limit climbs by half again, up to
 * {@code maxConcurrency}: a limit lowered under stress recovers. Deliveries that take long (a slow bean) complete no
 * batches, so while queues wait at the limit, the limit is also tried one higher each {@value #PROBE_MILLIS} ms
 * without a refusal: a pool that has room again is used again although no delivery ended. No call is given up
 * while the listener runs.
 */
public final class DeliveryScheduler {

    static final int CLIMB_FACTOR = 4;
    private static final long FIRST_RETRY_MILLIS = 5;
    private static final long MAX_RETRY_MILLIS = 1_000;
    static final long PROBE_MILLIS = 1_000;

    /** Runs a task after a delay; throws {@link RejectedExecutionException} once the listener has stopped. */
    @FunctionalInterface
    public interface Timer {
        void schedule(Runnable task, long delayMillis);
    }

    private final NamedWorks works;
    private final int maxLimit;
    private final Timer timer;
    private final BooleanSupplier stopping;
    // queues with calls due, from the moment they are scheduled until they run dry
    private final WorkTracker busy = new WorkTracker();
    // guarded by this
    private final Deque<ConnectionQueue> waiting = new ArrayDeque<>();
    private int limit;
    private int running;
    private int batchesSinceChange;
    private long retryMillis;
    private boolean retryPending;
    private boolean probePending;
    private long lastRefusalNanos = System.nanoTime();

    /**
     * @param works where the deliveries run
     * @param maxConcurrency how many queues may run at once; 0 for no limit of our own
     * @param timer runs the retries after a refusal
     * @param stopping whether the listener is stopping, when refused queues are given up
     */
    public DeliveryScheduler(NamedWorks works, int maxConcurrency, Timer timer, BooleanSupplier stopping) {
        this.works = works;
        this.maxLimit = maxConcurrency > 0 ? maxConcurrency : Integer.MAX_VALUE;
        this.limit = maxLimit;
        this.timer = timer;
        this.stopping = stopping;
    }

    /** Runs the queue's calls soon; the queue calls this when it goes from no calls due to some. */
    void schedule(ConnectionQueue queue) {
        busy.started();
        synchronized (this) {
            if (running >= limit || retryPending) {
                waiting.add(queue);
                armProbe();
                return;
            }
            running++;
        }
        start(queue);
    }

    // guarded by this: once queues wait at a limit below the maximum, look again after a while
    private void armProbe() {
        if (probePending || limit >= maxLimit || retryPending) {
            return;
        }
        probePending = true;
        try {
            timer.schedule(this::probe, PROBE_MILLIS);
        } catch (RejectedExecutionException e) {
            probePending = false; // the listener stopped
        }
    }

    /** Lets one more queue run if queues still wait at the limit and nothing was refused for a while. */
    private void probe() {
        ConnectionQueue queue = null;
        synchronized (this) {
            probePending = false;
            if (waiting.isEmpty() || running < limit || limit >= maxLimit || retryPending) {
                return;
            }
            if (System.nanoTime() - lastRefusalNanos >= TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS)) {
                limit++;
                batchesSinceChange = 0;
                running++;
                queue = waiting.poll();
            }
            armProbe();
        }
        if (queue != null) {
            start(queue);
        }
    }

    /**
     * @param timeoutMillis how long to wait at most
     * @return whether every queue ran dry in time
     */
    public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return busy.awaitNone(timeoutMillis);
    }

    /** @return how many works may run at once now */
    public synchronized int limit() {
        return limit;
    }

    /** @return how many works run now */
    public synchronized int running() {
        return running;
    }

    private void start(ConnectionQueue queue) {
        try {
            works.execute(() -> runFrom(queue));
        } catch (RejectedExecutionException e) {
            if (stopping.getAsBoolean()) {
                busy.finished();
                queue.rejected(e);
                startMore(next(null, false));
            } else {
                refused(queue);
            }
        }
    }

    private void startMore(ConnectionQueue queue) {
        if (queue != null) {
            start(queue);
        }
    }

    private void runFrom(ConnectionQueue first) {
        ConnectionQueue queue = first;
        while (queue != null) {
            ConnectionQueue ran = queue;
            queue = switch (runBatch(ran)) {
                case DRAINED -> {
                    busy.finished();
                    yield next(null, true);
                }
                case MORE_DUE -> next(ran, true);
                case REFUSED -> {
                    refused(ran);
                    yield null;
                }
            };
        }
    }

    // an Error out of a batch (a bean's stack overflow, a failed assertion), or an unchecked exception a call did
    // not expect, ends its connection, not the queue's scheduling nor this work's place in the running count: every
    // other connection would wait for them forever
    private static ConnectionQueue.Batch runBatch(ConnectionQueue queue) {
        try {
            return queue.runBatch();
        } catch (RuntimeException | Error e) {
            queue.broken(e);
            return ConnectionQueue.Batch.DRAINED;
        }
    }

    /**
     * The server had no endpoint or thread for the queue: it waits at the head of the line, and the calling work
     * ends. While other works run, they most likely hold every bean the server's pool allows, and one of them
     * takes the queue up when its batch ends; with none running, the queue is tried again after a backoff.
     */
    private void refused(ConnectionQueue queue) {
        synchronized (this) {
            lastRefusalNanos = System.nanoTime();
            waiting.addFirst(queue);
            running--;
            limit = Math.max(1, running);
            batchesSinceChange = 0;
            if (running > 0) {
                return;
            }
            if (retryPending) {
                return;
            }
            retryPending = true;
            retryMillis = retryMillis == 0 ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        }
        try {
            timer.schedule(this::retry, retryMillis());
        } catch (RejectedExecutionException e) {
            giveUpWaiting(e);
        }
    }

    private synchronized long retryMillis() {
        return retryMillis;
    }

    private void retry() {
        ConnectionQueue queue;
        synchronized (this) {
            retryPending = false;
            queue = waiting.poll();
            if (queue == null) {
                return;
            }
            running++;
        }
        start(queue);
    }

    // the listener stopped while queues waited for a retry: nothing will run them any more
    private void giveUpWaiting(RejectedExecutionException e) {
        List<ConnectionQueue> given;
        synchronized (this) {
            retryPending = false;
            given = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (ConnectionQueue queue : given) {
            busy.finished();
            queue.rejected(e);
        }
    }

    /**
     * @param unfinished the queue the calling work ran, if it has calls left
     * @param delivered whether the calling work's batch got its endpoints
     * @return the queue the calling work runs next, or {@code null} if the work ends
     */
    private ConnectionQueue next(ConnectionQueue unfinished, boolean delivered) {
        List<ConnectionQueue> extra = new ArrayList<>();
        ConnectionQueue next;
        synchronized (this) {
            if (delivered) {
                retryMillis = 0;
                if (limit < maxLimit && ++batchesSinceChange >= CLIMB_FACTOR * limit) {
                    limit = (int) Math.min(maxLimit, limit + Math.max(1L, limit / 2));
                    batchesSinceChange = 0;
                }
            }
            if (unfinished != null) {
                waiting.add(unfinished);
            }
            next = waiting.poll();
            if (next == null) {
                running--;
            }
            while (running < limit && !waiting.isEmpty()) {
                running++;
                extra.add(waiting.poll());
            }
        }
        extra.forEach(this::start);
        return next;
    }
}
