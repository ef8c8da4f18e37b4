package io.github.tcpadapter.inbound.capture;

import io.github.tcpadapter.api.TcpCapturedFrame;
import io.github.tcpadapter.api.TcpFrameCapture;
import java.time.Instant;
import java.util.Arrays;

/**
 * The open frame captures of one port. Connections ask {@link #watched()} for every frame, so that, with no capture
 * open, a frame costs one volatile read and is copied nowhere.
 */
public final class FrameTaps {

    private static final FrameTap[] NONE = {};

    // copied on change: captures open and close rarely, frames pass often
    private volatile FrameTap[] taps = NONE;

    public boolean watched() {
        return taps.length != 0;
    }

    public synchronized FrameTap open(String sessionId, int capacity) {
        FrameTap tap = new FrameTap(this, sessionId, capacity);
        FrameTap[] grown = Arrays.copyOf(taps, taps.length + 1);
        grown[taps.length] = tap;
        taps = grown;
        return tap;
    }

    synchronized void remove(FrameTap tap) {
        taps = Arrays.stream(taps).filter(open -> open != tap).toArray(FrameTap[]::new);
    }

    /** Offers a copy of a frame to the captures that want its session; waits for none of them. */
    public void offer(String sessionId, TcpCapturedFrame.Direction direction, byte[] payload) {
        TcpCapturedFrame frame = null;
        for (FrameTap tap : taps) {
            if (tap.wants(sessionId)) {
                if (frame == null) {
                    frame = new TcpCapturedFrame(sessionId, direction, Instant.now(), payload.length,
                            Arrays.copyOf(payload, Math.min(payload.length, TcpFrameCapture.MAX_CAPTURED_BYTES)));
                }
                tap.offer(frame);
            }
        }
    }
}
