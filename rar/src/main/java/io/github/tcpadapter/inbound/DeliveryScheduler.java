package io.github.tcpadapter.inbound;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs the connection queues that have calls due, each on one work at a time, with at most
 * {@code maxConcurrency} works at once (0: as many as the work manager gives). A queue that still has calls after a
 * batch goes to the back of the line, so that a busy connection cannot starve the others when the limit is reached.
 */
final class DeliveryScheduler {

    private final NamedWorks works;
    // maxConcurrency, lowered to the size of the bean pool once the server has refused an endpoint for being out
    // of beans; Integer.MAX_VALUE for no limit
    private int limit;
    // queues with calls due, from the moment they are scheduled until they run dry
    private final WorkTracker busy = new WorkTracker();
    private final Queue<ConnectionQueue> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param works where the deliveries run
     * @param maxConcurrency how many queues may run at once; 0 for no limit of our own
     */
    DeliveryScheduler(NamedWorks works, int maxConcurrency) {
        this.works = works;
        this.limit = maxConcurrency > 0 ? maxConcurrency : Integer.MAX_VALUE;
    }

    /** Runs the queue's calls soon; the queue calls this when it goes from no calls due to some. */
    void schedule(ConnectionQueue queue) {
        busy.started();
        synchronized (this) {
            if (running >= limit) {
                waiting.add(queue);
                return;
            }
            running++;
        }
        start(queue);
    }

    /**
     * @param timeoutMillis how long to wait at most
     * @return whether every queue ran dry in time
     */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        return busy.awaitNone(timeoutMillis);
    }

    private void start(ConnectionQueue first) {
        ConnectionQueue queue = first;
        while (queue != null) {
            ConnectionQueue starting = queue;
            try {
                works.execute(() -> runFrom(starting));
                return;
            } catch (RejectedExecutionException e) {
                busy.finished();
                starting.rejected(e);
                queue = next(null);
            }
        }
    }

    private void runFrom(ConnectionQueue first) {
        ConnectionQueue queue = first;
        while (queue != null) {
            ConnectionQueue ran = queue;
            queue = switch (ran.runBatch()) {
                case DRAINED -> {
                    busy.finished();
                    yield next(null);
                }
                case MORE_DUE -> next(ran);
                case REFUSED -> parkOrGiveUp(ran);
            };
        }
    }

    /**
     * The server had no endpoint for the queue's next call. While other deliveries of this listener run, they
     * most likely hold every bean instance the server's pool allows: the queue waits for one of them to take it
     * up again, and this work ends; from then on the listener runs no more works at once than were running, so
     * it settles at as many works as the pool has beans instead of asking again and again. Alone, the listener
     * holds no bean, so the server has none to give at all: the call is given up.
     *
     * @return the queue the calling work runs next, or {@code null} if the work ends
     */
    private ConnectionQueue parkOrGiveUp(ConnectionQueue queue) {
        synchronized (this) {
            if (running > 1) {
                waiting.add(queue);
                running--;
                limit = Math.min(limit, running);
                return null;
            }
        }
        queue.giveUp();
        return next(queue);
    }

    /** @return the queue the calling work runs next, or {@code null} if the work ends */
    private synchronized ConnectionQueue next(ConnectionQueue unfinished) {
        if (unfinished != null) {
            waiting.add(unfinished);
        }
        ConnectionQueue next = waiting.poll();
        if (next == null) {
            running--;
        }
        return next;
    }
}
