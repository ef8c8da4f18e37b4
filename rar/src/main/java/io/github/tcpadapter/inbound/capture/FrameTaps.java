package io.github.tcpadapter.inbound.capture;

import io.github.tcpadapter.api.TcpCapturedFrame;
import io.github.tcpadapter.api.TcpFrameCapture;
import java.time.Instant;
import java.util.Arrays;

/**
 * The open frame captures of one port, while a listener runs there. Connections ask {@link #watched()} for every
 * frame, so that, with no capture open, a frame costs one volatile read and is copied nowhere.
 */
public final class FrameTaps {

    private static final FrameTap[] NONE = {};

    // copied on change: captures open and close rarely, frames pass often
    private volatile FrameTap[] taps = NONE;
    // the listeners on the port; changed only by SessionRegistry, under its map's lock of the port
    private int listeners;
    private boolean ended;

    public static IllegalArgumentException noListener(int port) {
        return new IllegalArgumentException("No listener on port " + port + ": only a running listener's frames can"
                + " be captured");
    }

    public boolean watched() {
        return taps.length != 0;
    }

    public FrameTaps listenerStarted() {
        listeners++;
        return this;
    }

    /** @return whether that was the last listener: then every capture has ended */
    public boolean listenerStopped() {
        if (--listeners > 0) {
            return false;
        }
        end();
        return true;
    }

    private synchronized void end() {
        ended = true;
        for (FrameTap tap : taps) {
            tap.end();
        }
        taps = NONE;
    }

    public synchronized FrameTap open(String sessionId, int capacity, int port) {
        FrameTap tap = new FrameTap(this, sessionId, capacity);
        if (ended) { // its listener stopped since the registry handed these out
            throw noListener(port);
        }
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
