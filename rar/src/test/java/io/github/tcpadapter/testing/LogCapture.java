package io.github.tcpadapter.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one logger logs, instead of printing it, from {@link #install} until {@link #close}. */
public final class LogCapture extends Handler implements AutoCloseable {

    /** What was logged, in order. */
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private LogCapture(Logger logger) {
        this.logger = logger;
    }

    /** @param level the lowest level to record */
    public static LogCapture install(Logger logger, Level level) {
        LogCapture capture = new LogCapture(logger);
        logger.setLevel(level);
        logger.setUseParentHandlers(false);
        logger.addHandler(capture);
        return capture;
    }

    /** @return the messages logged at exactly this level */
    public List<String> lines(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
        logger.setLevel(null);
    }
}
