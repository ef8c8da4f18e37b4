package io.github.tcpadapter.outbound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Keeps what one logger logs at INFO and above, instead of printing it, until closed: quiet tests that check it. */
final class LogLines extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogLines(Logger logger) {
        this.logger = logger;
    }

    static LogLines of(Class<?> loggingClass) {
        LogLines lines = new LogLines(Logger.getLogger(loggingClass.getName()));
        lines.logger.setUseParentHandlers(false);
        lines.logger.addHandler(lines);
        return lines;
    }

    /** @return the messages logged at exactly this level */
    List<String> at(Level level) {
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
    }
}
