package io.github.tcpadapter.inbound;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A work manager for tests: runs each scheduled work on a new daemon thread, and remembers the threads and, by
 * kind (a work's name without its number: {@code tcp-listener-9000-tls}), how many ran at most at once. It refuses
 * the works scheduled from threads whose name contains {@link #refuseFrom}, if set, and the next
 * {@link #refuseNext} works.
 */
final class ThreadWorkManager implements WorkManager {

    private static final long JOIN_MILLIS = 5_000;

    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> runningByKind = new ConcurrentHashMap<>();
    final Map<String, Integer> mostRunningByKind = new ConcurrentHashMap<>();
    volatile String refuseFrom;
    final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public void scheduleWork(Work work) throws WorkRejectedException {
        String refused = refuseFrom;
        if (refused != null && Thread.currentThread().getName().contains(refused)) {
            throw new WorkRejectedException("refused for the test");
        }
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new WorkRejectedException("refused for the test");
        }
        String kind = work.toString().replaceFirst("-\\d+$", "");
        AtomicInteger running = runningByKind.computeIfAbsent(kind, k -> new AtomicInteger());
        Thread thread = new Thread(() -> {
            mostRunningByKind.merge(kind, running.incrementAndGet(), Math::max);
            try {
                work.run();
            } finally {
                running.decrementAndGet();
            }
        }, "test-work-" + counter.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void scheduleWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener)
            throws WorkRejectedException {
        scheduleWork(work);
    }

    /** @return whether every work thread ended within the timeout */
    boolean awaitAllDone() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void doWork(Work work) {
        throw new UnsupportedOperationException("doWork");
    }

    @Override
    public void doWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw new UnsupportedOperationException("doWork");
    }

    @Override
    public long startWork(Work work) {
        throw new UnsupportedOperationException("startWork");
    }

    @Override
    public long startWork(Work work, long startTimeout, ExecutionContext context, WorkListener listener) {
        throw new UnsupportedOperationException("startWork");
    }
}
