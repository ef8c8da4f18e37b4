package io.github.tcpadapter.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Listens on the probe beans' logger, where they report every frame they process: counts the frames, and can hold
 * the bean inside its report until the test releases it, as often as the test likes. Install it before the frames
 * are sent; close it after.
 */
final class ProbeLog extends Handler implements AutoCloseable {

    /** The logger of {@code io.github.tcpadapter.probe.ProbeListener}, which this class cannot refer to. */
    private static final String PROBE_LOGGER = "io.github.tcpadapter.probe";
    // a bean held longer than this is a failed test, not a hang
    private static final long MAX_HOLD_SECONDS = 60;
    // how often awaitHeldNow looks
    private static final long POLL_MILLIS = 10;

    private final Logger logger = Logger.getLogger(PROBE_LOGGER);
    private final Map<String, Integer> processed = new ConcurrentHashMap<>();
    // a new gate and a new holding signal for every holdBeans after a release
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private volatile CountDownLatch holding = new CountDownLatch(1);
    private volatile boolean holdBeans;
    private final AtomicInteger heldNow = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();

    private ProbeLog() {
    }

    /**
     * @return a log that counts frames: installed on the probes' logger where the server runs in this JVM, else
     *     the receiver of the {@link ProbeControl} the probes report to
     */
    static ProbeLog install() {
        ProbeLog log = new ProbeLog();
        if (TestServer.current().inProcess()) {
            log.logger.setUseParentHandlers(false);
            log.logger.setLevel(Level.FINE);
            log.logger.addHandler(log);
        } else {
            ProbeControl.get().receiver(log::report);
        }
        return log;
    }

    /**
     * From now on, every bean that reports a frame waits inside the report until {@link #release()}. After a
     * release the beans can be held again; {@link #mostHeld()} starts again from those held now.
     */
    synchronized void holdBeans() {
        if (!holdBeans) {
            gate = new CountDownLatch(1);
            holding = new CountDownLatch(1);
            mostHeld.set(heldNow.get());
            holdBeans = true;
        }
    }

    /**
     * @param timeoutSeconds how long to wait at most
     * @return whether a bean is held
     */
    boolean awaitHeld(long timeoutSeconds) throws InterruptedException {
        return holding.await(timeoutSeconds, TimeUnit.SECONDS);
    }

    /** @return how many beans are held now: how many deliveries run at once */
    int heldNow() {
        return heldNow.get();
    }

    /**
     * @param beans how many beans to wait for
     * @param timeoutMillis how long to wait at most
     * @return whether at least that many beans were held at once in time
     */
    boolean awaitHeldNow(int beans, long timeoutMillis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (heldNow.get() < beans && System.nanoTime() < end) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
        return heldNow.get() >= beans;
    }

    /** @return the most beans held at once since the last {@link #holdBeans()} */
    int mostHeld() {
        return mostHeld.get();
    }

    /** Lets every held bean go on, and holds none from now on. */
    synchronized void release() {
        holdBeans = false;
        gate.countDown();
    }

    /** @return how many times a probe bean processed each frame, by its text */
    Map<String, Integer> processed() {
        return Map.copyOf(processed);
    }

    @Override
    public void publish(LogRecord record) {
        report(record.getMessage());
    }

    /** Counts a frame a probe bean processed, and holds the bean here while {@link #holdBeans()} says so. */
    private void report(String line) {
        processed.merge(line, 1, Integer::sum);
        if (holdBeans) {
            // read after the flag, which holdBeans() sets after the gate: a bean released meanwhile does not wait
            CountDownLatch held = gate;
            mostHeld.accumulateAndGet(heldNow.incrementAndGet(), Math::max);
            holding.countDown();
            try {
                held.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heldNow.decrementAndGet();
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        release();
        if (TestServer.current().inProcess()) {
            logger.removeHandler(this);
        } else {
            ProbeControl.get().receiver(null);
        }
    }
}
