package io.github.tcpadapter.metrics;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs one kind of repeated event (refused connections, bad frames, slow consumers) so that a flood of them cannot
 * flood the log: the first event of an interval is logged at once with its detail, the others are counted and
 * summed up in one line by {@link #flush()}, which the listener calls once per interval and when it stops.
 */
public final class SummarizedLog {

    public static final long INTERVAL_MILLIS = 10_000;

    private final Logger logger;
    private final Level level;
    private final String source;
    private final String events;
    private final LongSupplier clock;
    private long lastLogged;
    private boolean loggedOnce;
    private int unlogged;
    private final AtomicLong total = new AtomicLong();
    private String lastDetail;

    /**
     * @param logger where the lines go
     * @param level their level
     * @param source what the lines start with: the listener's name
     * @param events the events, plural, as in "connections refused for maxConnections"
     */
    public SummarizedLog(Logger logger, Level level, String source, String events) {
        this(logger, level, source, events, System::nanoTime);
    }

    SummarizedLog(Logger logger, Level level, String source, String events, LongSupplier clock) {
        this.logger = logger;
        this.level = level;
        this.source = source;
        this.events = events;
        this.clock = clock;
    }

    /** Records an event; logs it at once unless a line of this kind was logged during the interval. */
    public void event(Supplier<String> detail) {
        event(detail, null);
    }

    /** Records an event with its cause, logged with the line if it is logged at once. */
    public synchronized void event(Supplier<String> detail, Throwable cause) {
        total.incrementAndGet();
        if (!logger.isLoggable(level)) {
            return;
        }
        long now = clock.getAsLong();
        if (loggedOnce && now - lastLogged < TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS)) {
            unlogged++;
            lastDetail = detail.get();
            return;
        }
        flush();
        loggedOnce = true;
        lastLogged = now;
        logger.log(level, source + ": " + detail.get(), cause);
    }

    /** @return how many events were recorded, logged or not */
    public long total() {
        return total.get();
    }

    /** Logs how many events were not logged since the last line, if any. */
    public synchronized void flush() {
        if (unlogged == 0) {
            return;
        }
        logger.log(level, source + ": " + unlogged + " more " + events + " in the last "
                + TimeUnit.MILLISECONDS.toSeconds(INTERVAL_MILLIS) + " s; the last: " + lastDetail);
        unlogged = 0;
        lastDetail = null;
        lastLogged = clock.getAsLong();
    }
}
