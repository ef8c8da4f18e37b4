package io.github.tcpadapter.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what a logger of the server's JVM (this one) logs at a level or above, besides printing it as usual,
 * from {@link #on} until {@link #close}.
 */
final class LogRecords extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level minimum;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords(Logger logger, Level minimum) {
        this.logger = logger;
        this.minimum = minimum;
    }

    /** @param loggerName the logger, {@code ""} for every one */
    static LogRecords on(String loggerName, Level minimum) {
        LogRecords log = new LogRecords(Logger.getLogger(loggerName), minimum);
        log.logger.addHandler(log);
        return log;
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= minimum.intValue()) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
