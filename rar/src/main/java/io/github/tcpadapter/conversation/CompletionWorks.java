package io.github.tcpadapter.conversation;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Completes the stages of {@code requestAsync} calls (a factory's, a session's) on the server's threads, never on an event loop: the application's
 * callbacks run where the stage completes. A bounded executor over the work manager: up to {@code maxWorks} works
 * drain one queue, each ending when it finds the queue empty. A slow callback holds only its own work; the next
 * completion starts another one while fewer than the bound run, so replies keep completing until that many callbacks
 * are stuck at once. One work per completion would cost a {@code scheduleWork} each (Payara looks up services per
 * work); a burst here costs at most {@code maxWorks}. Only if the work manager refuses a work while none runs (a
 * stopping server) does a completion run on the calling thread, with a warning: a stage left pending would be worse.
 */
public final class CompletionWorks {

    private static final Logger LOG = Logger.getLogger(CompletionWorks.class.getName());

    private final Executor works;
    private final int maxWorks;
    private final String name;
    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    /**
     * @param works starts each work on a server thread
     * @param maxWorks how many works may run completions at once
     * @param name the factory's or the listener's name, for log lines
     */
    public CompletionWorks(Executor works, int maxWorks, String name) {
        this.works = works;
        this.maxWorks = maxWorks;
        this.name = name;
    }

    /** Runs the completion on a work: one running now, or one started for it. */
    public void execute(Runnable completion) {
        queue.add(completion);
        startOne();
    }

    private void startOne() {
        int now;
        while ((now = running.get()) < maxWorks) {
            if (running.compareAndSet(now, now + 1)) {
                try {
                    works.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    running.decrementAndGet();
                    if (running.get() == 0) {
                        // nobody would ever run them: better a callback on this thread than a stage never completed
                        LOG.warning(() -> name + ": the work manager refused a completion work (" + e.getMessage()
                                + "); completing on this thread");
                        drainHere();
                    }
                }
                return;
            }
        }
    }

    private void drain() {
        try {
            drainHere();
        } finally {
            running.decrementAndGet();
        }
        if (!queue.isEmpty()) {
            startOne(); // added after this work looked for the last time
        }
    }

    private void drainHere() {
        Runnable completion;
        while ((completion = queue.poll()) != null) {
            completion.run();
        }
    }
}
