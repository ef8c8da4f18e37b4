package io.github.tcpadapter.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects what a logger of the server logs at a level or above, from {@link #on} until {@link #close}: as a
 * handler of that logger where the server runs in this JVM (besides printing it as usual), else from the lines
 * the server wrote to its log file meanwhile.
 */
final class LogRecords extends Handler implements AutoCloseable {

    // WildFly's file format: 2026-11-30 17:15:38,661 WARN  [logger] (thread) message
    private static final Pattern LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} (\\w+)\\s+\\[([^\\]]*)\\] \\((.*?)\\) (.*)$");

    private final String loggerName;
    private final Logger logger;
    private final Level minimum;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Path file;
    private final long start;

    private LogRecords(String loggerName, Level minimum, Path file) throws IOException {
        this.loggerName = loggerName;
        this.logger = Logger.getLogger(loggerName);
        this.minimum = minimum;
        this.file = file;
        this.start = file == null ? 0 : file.toFile().length();
    }

    /** @param loggerName the logger and those below it, {@code ""} for every one */
    static LogRecords on(String loggerName, Level minimum) {
        try {
            if (TestServer.current().inProcess()) {
                LogRecords log = new LogRecords(loggerName, minimum, null);
                log.logger.addHandler(log);
                return log;
            }
            return new LogRecords(loggerName, minimum, TestServer.current().logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the records so far; from a log file, a stack trace is part of its record's message */
    List<LogRecord> records() {
        return file == null ? List.copyOf(records) : fromFile();
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

    private List<LogRecord> fromFile() {
        List<LogRecord> read = new ArrayList<>();
        LogRecord last = null;
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
            log.seek(start);
            for (String raw = log.readLine(); raw != null; raw = log.readLine()) {
                String line = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
                Matcher parsed = LINE.matcher(line);
                if (!parsed.matches()) {
                    if (last != null) {
                        last.setMessage(last.getMessage() + "\n" + line);
                    }
                    continue;
                }
                last = null;
                Level level = level(parsed.group(1));
                String name = parsed.group(2);
                if (level.intValue() >= minimum.intValue()
                        && (loggerName.isEmpty() || name.equals(loggerName) || name.startsWith(loggerName + "."))) {
                    last = new LogRecord(level, parsed.group(4));
                    last.setLoggerName(name);
                    read.add(last);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the server's log " + file, e);
        }
        return read;
    }

    // WildFly writes JBoss Logging's levels for its own loggers, java.util.logging's for the applications'
    private static Level level(String name) {
        return switch (name) {
            case "FATAL", "ERROR" -> Level.SEVERE;
            case "WARN" -> Level.WARNING;
            case "DEBUG" -> Level.FINE;
            case "TRACE" -> Level.FINEST;
            default -> Level.parse(name);
        };
    }
}
