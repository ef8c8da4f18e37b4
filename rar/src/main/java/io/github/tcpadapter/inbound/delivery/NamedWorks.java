package io.github.tcpadapter.inbound.delivery;

import io.netty.util.concurrent.FastThreadLocal;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextErrorCodes;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks as {@link WorkManager} works, so that the server owns every thread of a listener. While a task runs,
 * its thread carries a name of this listener ({@code <name>-<number>}), so its threads can be told apart (and
 * counted) in a thread dump; the server's name is put back afterwards. Counts the tasks running, so that stopping
 * can wait until every thread is handed back. Works that run for the listener's life (its event loop) carry the
 * {@link HintsContext#LONGRUNNING_HINT}, so that a server with a pool for those (WildFly) does not take a thread
 * its short works need.
 */
public final class NamedWorks implements Executor {

    private final WorkManager workManager;
    private final String name;
    private final boolean longRunning;
    private final AtomicInteger counter = new AtomicInteger();
    private final WorkTracker running = new WorkTracker();

    /**
     * @param workManager the server's work manager
     * @param name the prefix of the names the threads carry while they run a task
     * @param longRunning whether each task runs as long as the listener does
     */
    public NamedWorks(WorkManager workManager, String name, boolean longRunning) {
        this.workManager = workManager;
        this.name = name;
        this.longRunning = longRunning;
    }

    /** @throws RejectedExecutionException if the work manager refuses the work */
    @Override
    public void execute(Runnable task) {
        running.started();
        try {
            schedule(task, name + "-" + counter.incrementAndGet());
        } catch (WorkException | RuntimeException e) {
            running.finished();
            throw new RejectedExecutionException(name + ": the work manager refused a work: " + e.getMessage(), e);
        }
    }

    private void schedule(Runnable task, String threadName) throws WorkException {
        List<WorkContext> contexts = longRunning ? List.of(longRunningHint()) : List.of();
        try {
            workManager.scheduleWork(new NamedWork(task, threadName, contexts, running));
        } catch (WorkException e) {
            // a server may support no hints at all; it must then refuse the work with this code (Connectors 11.5)
            if (contexts.isEmpty() || !WorkContextErrorCodes.UNSUPPORTED_CONTEXT_TYPE.equals(e.getErrorCode())) {
                throw e;
            }
            workManager.scheduleWork(new NamedWork(task, threadName, List.of(), running));
        }
    }

    private static HintsContext longRunningHint() {
        HintsContext hints = new HintsContext();
        hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
        return hints;
    }

    /**
     * @param timeoutMillis how long to wait at most
     * @return whether every task ended (and its thread was handed back) in time
     */
    public boolean awaitNone(long timeoutMillis) throws InterruptedException {
        return running.awaitNone(timeoutMillis);
    }

    private static final class NamedWork implements Work, WorkContextProvider {

        private final Runnable task;
        private final String threadName;
        private final List<WorkContext> contexts;
        private final WorkTracker running;

        NamedWork(Runnable task, String threadName, List<WorkContext> contexts, WorkTracker running) {
            this.task = task;
            this.threadName = threadName;
            this.contexts = contexts;
            this.running = running;
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            return contexts;
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
