package io.github.tcpadapter.inbound;

/** Counts a listener's running works, so that stopping can wait for them. */
final class WorkTracker {

    private int running;

    synchronized void started() {
        running++;
    }

    synchronized void finished() {
        running--;
        if (running == 0) {
            notifyAll();
        }
    }

    /**
     * @param timeoutMillis how long to wait at most
     * @return whether every work finished in time
     */
    synchronized boolean awaitNone(long timeoutMillis) throws InterruptedException {
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
