package io.github.tcpadapter.inbound.delivery;

/** Counts a listener's running works, so that stopping can wait for them. */
public final class WorkTracker {

    private int running;

    public synchronized void started() {
        running++;
    }

    public synchronized void finished() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /**
     * @param timeoutMillis how long to wait at most
     * @return whether every work finished in time
     */
    public synchronized boolean awaitNone(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (running > 0) {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                return false;
            }
            wait(remainingMillis);
        }
        return true;
    }
}
