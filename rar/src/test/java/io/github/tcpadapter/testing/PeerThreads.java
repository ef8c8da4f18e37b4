package io.github.tcpadapter.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The threads of a test peer: daemons, so a peer a test forgets never holds the JVM, joined when it closes. */
public final class PeerThreads {

    private static final long JOIN_MILLIS = 5_000;

    private final String name;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** @param name the threads' name, for thread dumps */
    public PeerThreads(String name) {
        this.name = name;
    }

    /** Runs the task on a new thread. */
    public void start(Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    /** Waits for every thread to end, at most 5 s each: call it after closing the sockets they block on. */
    public void join() {
        for (Thread thread : threads) {
            join(thread);
        }
    }

    /** Waits at most 5 s for the thread to end; a peer's {@code close()} need not throw InterruptedException. */
    public static void join(Thread thread) {
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName() + " to end", e);
        }
    }
}
