package io.github.tcpadapter.console;

import io.github.tcpadapter.api.TcpCapturedFrame;
import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.console.ConsoleViews.Failure;
import io.github.tcpadapter.console.ConsoleViews.FrameView;
import io.github.tcpadapter.console.ConsoleViews.Missed;
import io.github.tcpadapter.console.ConsoleViews.Overview;
import io.github.tcpadapter.console.ConsoleViews.SessionView;
import io.github.tcpadapter.console.PageConnection.Outcome;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What one page watches, sent as server-sent events on one thread: the overview and the listener's sessions every
 * second, and the frames of a listener or session as they pass. Neither the listener nor this thread ever waits for
 * the page: frames go through a bounded {@link TcpFrameCapture}, at most {@value #FRAMES_PER_SECOND} a second are
 * sent, those the page's connection cannot take now are not (see {@link PageConnection}), and the page is told how
 * many it missed.
 */
final class FrameStream implements Runnable {

    static final int CAPTURE_CAPACITY = 1000;
    static final int FRAMES_PER_SECOND = 500;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = Logger.getLogger(FrameStream.class.getName());

    private final PageConnection page;
    private final AdapterView adapter = new AdapterView();
    private final Watched watched;
    private final TcpFrameCapture capture;
    private volatile boolean stopped;
    // frames missed that the page could not be told of yet
    private long untold;
    private volatile Thread thread;

    /**
     * @param sessions the adapter's sessions; null if the console could not find them ({@code error} says why)
     * @param port the listener whose sessions and frames the page watches; null for none
     * @param session the one session whose frames the page watches; null for all of the listener's
     * @param error why the page sees no sessions, or null
     */
    record Watched(String user, boolean canOperate, List<String> requestFactories, TcpSessions sessions, Integer port,
            String session, String error) {

        /**
         * @return the capture of the frames watched; null for none
         * @throws IllegalArgumentException if no listener runs on the port
         */
        TcpFrameCapture capture() {
            return sessions == null || port == null ? null : sessions.capture(port, session, CAPTURE_CAPACITY);
        }
    }

    /** @param capture the frames the page watches, {@link Watched#capture()}; closed when the stream ends */
    FrameStream(PageConnection page, Watched watched, TcpFrameCapture capture) {
        this.page = page;
        this.watched = watched;
        this.capture = capture;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try (capture) {
            if (watched.error != null && send("error", new Failure(watched.error)) == Outcome.GONE) {
                return;
            }
            while (!stopped && tick()) {
                // one second of frames per round, then the figures again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "TCP console: a page's event stream failed", e);
        } finally {
            page.close();
        }
    }

    void stop() {
        stopped = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    // sends the figures, then the frames of the next second; false once the page is gone or its listener stopped
    private boolean tick() throws InterruptedException {
        long end = System.nanoTime() + TICK_NANOS;
        if (send("overview", new Overview(watched.user, watched.canOperate, adapter.listeners(),
                adapter.factories(), watched.requestFactories)) == Outcome.GONE) {
            return false;
        }
        if (capture == null) { // the page watches no listener
            TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
            return true;
        }
        if (send("sessions", sessions()) == Outcome.GONE) {
            return false;
        }
        int sent = 0;
        long dropped = 0;
        for (long left = end - System.nanoTime(); left > 0 && !stopped && capture.isOpen();
                left = end - System.nanoTime()) {
            for (TcpCapturedFrame frame : capture.poll(100, Duration.ofNanos(left))) {
                Outcome outcome = sent < FRAMES_PER_SECOND ? send("frame", view(frame)) : Outcome.SKIPPED;
                if (outcome == Outcome.GONE) {
                    return false;
                } else if (outcome == Outcome.SENT) {
                    sent++;
                } else {
                    dropped++;
                }
            }
        }
        if (!capture.isOpen()) {
            // the page's browser asks again (EventSource does by itself), and is told whether it came back
            send("error", new Failure("The listener on port " + watched.port + " stopped"));
            return false;
        }
        long missed = untold + dropped + capture.takeMissed();
        if (missed == 0) {
            return true;
        }
        Outcome told = send("missed", new Missed(missed));
        untold = told == Outcome.SKIPPED ? missed : 0;
        return told != Outcome.GONE;
    }

    private List<SessionView> sessions() {
        return watched.sessions.openSessions(watched.port).stream()
                .sorted(Comparator.comparing(TcpSession::openedAt).thenComparing(TcpSession::id))
                .map(FrameStream::view).toList();
    }

    private static SessionView view(TcpSession session) {
        var traffic = session.traffic();
        return new SessionView(session.id(),
                session.remoteAddress().getAddress().getHostAddress() + ":" + session.remoteAddress().getPort(),
                session.member().orElse(""), session.openedAt(), traffic.framesIn(), traffic.bytesIn(), traffic.framesOut(), traffic.bytesOut(),
                traffic.lastActivity());
    }

    private static FrameView view(TcpCapturedFrame frame) {
        return new FrameView(frame.sessionId(), frame.direction().name(), frame.time(), frame.length(),
                Payloads.text(frame.payload()), Payloads.hex(frame.payload()), frame.complete());
    }

    private Outcome send(String event, Object data) {
        return page.send(event, RecordJson.of(data));
    }
}
