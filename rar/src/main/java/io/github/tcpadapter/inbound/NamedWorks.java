package io.github.tcpadapter.inbound;

import io.netty.util.concurrent.FastThreadLocal;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks as {@link WorkManager} works, so that the server owns every thread of a listener. While a task runs,
 * its thread carries a name of this listener ({@code <name>-<number>}), so its threads can be told apart (and
 * counted) in a thread dump; the server's name is put back afterwards. Counts the tasks running, so that stopping
 * can wait until every thread is handed back.
 */
final class NamedWorks implements Executor {

    private final WorkManager workManager;
    private final String name;
    private final AtomicInteger counter = new AtomicInteger();
    private final WorkTracker running = new WorkTracker();

    /**
     * @param workManager the server's work manager
     * @param name the prefix of the names the threads carry while they run a task
     */
    NamedWorks(WorkManager workManager, String name) {
        this.workManager = workManager;
        this.name = name;
    }

    /** @throws RejectedExecutionException if the work manager refuses the work */
    @Override
    public void execute(Runnable task) {
        running.started();
        try {
            workManager.scheduleWork(new NamedWork(task, name + "-" + counter.incrementAndGet()));
        } catch (WorkException | RuntimeException e) {
            running.finished();
            throw new RejectedExecutionException(name + ": the work manager refused a work: " + e.getMessage(), e);
        }
    }

    /**
     * @param timeoutMillis how long to wait at most
     * @return whether every task ended (and its thread was handed back) in time
     */
    boolean awaitNone(long timeoutMillis) throws InterruptedException {
        return running.awaitNone(timeoutMillis);
    }

    private final class NamedWork implements Work {

        private final Runnable task;
        private final String threadName;

        NamedWork(Runnable task, String threadName) {
            this.task = task;
            this.threadName = threadName;
        }

        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            String serverName = thread.getName();
            thread.setName(threadName);
            try {
                task.run();
            } finally {
                // Netty keeps per-thread caches; a pooled server thread must not keep them (and our class loader)
                FastThreadLocal.removeAll();
                thread.setName(serverName);
                running.finished();
            }
        }

        /** @return the name its thread carries while it runs, for the server's views of its works */
        @Override
        public String toString() {
            return threadName;
        }

        /** Nothing to do: the listener ends its tasks itself when it stops. */
        @Override
        public void release() {
        }
    }
}
