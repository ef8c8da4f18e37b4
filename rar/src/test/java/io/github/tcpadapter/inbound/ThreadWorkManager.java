package io.github.tcpadapter.inbound;

import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContextErrorCodes;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.resource.spi.work.WorkRejectedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A work manager for tests: runs each scheduled work on a new daemon thread, and remembers the threads and, by
 * kind (a work's name without its number: {@code tcp-listener-9000-tls}), how many ran at most at once. It refuses
 * the works scheduled from threads whose name contains {@link #refuseFrom}, if set, and the next
 * {@link #refuseNext} works. As a saturated server may, it starts the works with the long-running hint only once
 * {@link #longRunningStart} opens, and blocks in {@link #scheduleWork(Work)} called from the threads whose name
 * contains {@link #blockFrom}, if set, until {@link #unblock} opens. With {@link #supportsHints} off it refuses
 * works with a context, as a server without hints does.
 */
final class ThreadWorkManager implements WorkManager {

    private static final long JOIN_MILLIS = 5_000;
    private static final long HELD_MILLIS = 60_000;

    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> runningByKind = new ConcurrentHashMap<>();
    final Map<String, Integer> mostRunningByKind = new ConcurrentHashMap<>();
    volatile String refuseFrom;
    final AtomicInteger refuseNext = new AtomicInteger();
    volatile CountDownLatch longRunningStart = new CountDownLatch(0);
    /** Counted down by each long-running work once it waits for {@link #longRunningStart}. */
    final CountDownLatch longRunningWaiting = new CountDownLatch(1);
    final AtomicInteger longRunningWorks = new AtomicInteger();
    volatile String blockFrom;
    final CountDownLatch unblock = new CountDownLatch(1);
    /** Counted down once a call of {@link #scheduleWork(Work)} blocks for {@link #blockFrom}. */
    final CountDownLatch blocking = new CountDownLatch(1);
    volatile boolean supportsHints = true;
    private final AtomicInteger counter = new AtomicInteger();

    @Override
    public void scheduleWork(Work work) throws WorkRejectedException {
        String refused = refuseFrom;
        String caller = Thread.currentThread().getName();
        if (refused != null && caller.contains(refused)) {
            throw new WorkRejectedException("refused for the test");
        }
        if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new WorkRejectedException("refused for the test");
        }
        boolean longRunning = isLongRunning(work);
        if (longRunning && !supportsHints) {
            throw new WorkRejectedException("no hints for the test", WorkContextErrorCodes.UNSUPPORTED_CONTEXT_TYPE);
        }
        String blocked = blockFrom;
        if (blocked != null && caller.contains(blocked)) {
            blocking.countDown();
            awaitQuietly(unblock);
        }
        Runnable task = work;
        if (longRunning) {
            longRunningWorks.incrementAndGet();
            CountDownLatch start = longRunningStart;
            task = () -> {
                longRunningWaiting.countDown();
                awaitQuietly(start);
                work.run();
            };
        }
        String kind = work.toString().replaceFirst("-\\d+$", "");
        AtomicInteger running = runningByKind.computeIfAbsent(kind, k -> new AtomicInteger());
        Runnable counted = task;
        Thread thread = new Thread(() -> {
            mostRunningByKind.merge(kind, running.incrementAndGet(), Math::max);
            try {
                counted.run();
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

    private static boolean isLongRunning(Work work) {
        return work instanceof WorkContextProvider provider && provider.getWorkContexts() != null
                && provider.getWorkContexts().stream().anyMatch(context -> context instanceof HintsContext hints
                        && Boolean.TRUE.equals(hints.getHints().get(HintsContext.LONGRUNNING_HINT)));
    }

    // bounded, so that a test that fails before opening the latch still ends its threads
    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(HELD_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
