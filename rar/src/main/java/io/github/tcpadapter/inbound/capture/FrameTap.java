package io.github.tcpadapter.inbound.capture;

import io.github.tcpadapter.api.TcpCapturedFrame;
import io.github.tcpadapter.api.TcpFrameCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** One open {@link TcpFrameCapture}: a bounded queue that the connections offer to and never wait on. */
final class FrameTap implements TcpFrameCapture {

    private final FrameTaps taps;
    private final String sessionId;
    private final BlockingQueue<TcpCapturedFrame> frames;
    private final LongAdder missed = new LongAdder();
    private volatile boolean closed;

    FrameTap(FrameTaps taps, String sessionId, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("A frame capture's capacity must be positive, not " + capacity);
        }
        this.taps = taps;
        this.sessionId = sessionId;
        this.frames = new ArrayBlockingQueue<>(capacity);
    }

    boolean wants(String session) {
        return sessionId == null || sessionId.equals(session);
    }

    void offer(TcpCapturedFrame frame) {
        if (!frames.offer(frame)) {
            missed.increment();
        }
    }

    @Override
    public List<TcpCapturedFrame> poll(int max, Duration timeout) throws InterruptedException {
        if (closed || max <= 0) {
            return List.of();
        }
        TcpCapturedFrame first = frames.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        List<TcpCapturedFrame> taken = new ArrayList<>();
        taken.add(first);
        frames.drainTo(taken, max - 1);
        return taken;
    }

    @Override
    public long takeMissed() {
        return missed.sumThenReset();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        end();
        taps.remove(this);
    }

    /** Ends the capture, when it is closed or its listener stops. */
    void end() {
        closed = true;
        frames.clear();
    }
}
