package io.github.tcpadapter.console;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A page's event stream, written without ever blocking: the servlet's non-blocking output (a {@link WriteListener}
 * is set), so an event the page's connection cannot take now is not written at all, and the caller counts it. A
 * page whose connection takes nothing for {@value #STUCK_SECONDS} s is let go.
 */
final class PageConnection implements WriteListener, AsyncListener {

    /** What became of an event. */
    enum Outcome {
        /** written, or handed to the server to write */
        SENT,
        /** not written: the page's connection is full for now */
        SKIPPED,
        /** the page is gone, or was let go */
        GONE
    }

    static final int STUCK_SECONDS = 10;

    private final AsyncContext async;
    private final ServletOutputStream out;
    private volatile boolean gone;
    private long fullSince;

    /** Starts the stream: the response is a {@code text/event-stream} of no fixed length, written asynchronously. */
    PageConnection(AsyncContext async) throws IOException {
        this.async = async;
        async.setTimeout(0);
        async.addListener(this);
        async.getResponse().setContentType("text/event-stream");
        async.getResponse().setCharacterEncoding("UTF-8");
        out = async.getResponse().getOutputStream();
        out.setWriteListener(this);
    }

    /**
     * @param event the event's name
     * @param json its data, on one line
     * @return whether it was sent, skipped for now, or the page is gone
     */
    synchronized Outcome send(String event, String json) {
        if (gone) {
            return Outcome.GONE;
        }
        try {
            if (!out.isReady()) {
                long now = System.nanoTime();
                if (fullSince == 0) {
                    fullSince = now;
                } else if (now - fullSince > TimeUnit.SECONDS.toNanos(STUCK_SECONDS)) {
                    close();
                    return Outcome.GONE;
                }
                return Outcome.SKIPPED;
            }
            fullSince = 0;
            out.write(event(event, json).getBytes(StandardCharsets.UTF_8));
            if (out.isReady()) {
                out.flush();
            }
            return Outcome.SENT;
        } catch (IOException | IllegalStateException e) {
            gone = true;
            return Outcome.GONE;
        }
    }

    /** @return one server-sent event */
    static String event(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }

    /** Ends the stream; does nothing if it ended already. */
    void close() {
        gone = true;
        try {
            async.complete();
        } catch (IllegalStateException completed) {
            // ended already
        }
    }

    @Override
    public void onWritePossible() {
        // the next event is written as it comes; nothing waits for this
    }

    @Override
    public void onError(Throwable failure) {
        gone = true;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        gone = true;
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        gone = true;
    }

    @Override
    public void onError(AsyncEvent event) {
        gone = true;
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not restarted
    }
}
