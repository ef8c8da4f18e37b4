package io.github.tcpadapter.inbound.admission;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the delegated tasks of a listener's TLS handshakes (key exchange, signatures, certificate path validation,
 * and revocation fetches when the JVM checks revocation) on the server's threads instead of the event loop, at
 * most {@code maxConcurrentHandshakes} at once: the others wait their turn, in order, and the works that run them
 * take the next one when they are done, so a burst costs no more threads than the bound.
 */
public final class HandshakeWorks implements Executor {

    private static final Logger LOG = Logger.getLogger(HandshakeWorks.class.getName());

    private final Executor works;
    private final int limit;
    private final Queue<Runnable> waiting = new ArrayDeque<>();
    private int running;

    /**
     * @param works the listener's works for TLS
     * @param limit how many tasks may run at once
     */
    public HandshakeWorks(Executor works, int limit) {
        this.works = works;
        this.limit = limit;
    }

    /** @throws RejectedExecutionException if no work could be started for the task */
    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (running >= limit) {
                waiting.add(task);
                return;
            }
            running++;
        }
        try {
            works.execute(() -> runFrom(task));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                running--;
            }
            throw e;
        }
    }

    private void runFrom(Runnable first) {
        Runnable task = first;
        try {
            while (task != null) {
                runSafely(task);
                task = next();
            }
        } finally {
            if (task != null) { // an Error escaped: the turn is free again all the same
                synchronized (this) {
                    running--;
                }
            }
        }
    }

    // Netty's task runner reports the handshake's own failures; anything else must not cost the turn
    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A TLS handshake task failed: " + e, e);
        }
    }

    private synchronized Runnable next() {
        Runnable task = waiting.poll();
        if (task == null) {
            running--;
        }
        return task;
    }
}
