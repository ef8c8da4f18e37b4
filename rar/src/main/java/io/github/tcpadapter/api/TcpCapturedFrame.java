package io.github.tcpadapter.api;

import java.time.Instant;

/**
 * A copy of one frame that a {@link TcpFrameCapture} saw pass.
 *
 * @param sessionId the session that received or wrote it
 * @param direction whether the client sent it or was sent it
 * @param time when it was received, or handed to the connection for writing
 * @param length the whole payload's length, without framing bytes
 * @param payload the payload's first {@link TcpFrameCapture#MAX_CAPTURED_BYTES} bytes at most, a copy of its own
 */
public record TcpCapturedFrame(String sessionId, Direction direction, Instant time, int length, byte[] payload) {

    /** Which way a frame went. */
    public enum Direction {
        /** from the client to the listener */
        IN,
        /** from the listener to the client: a reply or a push */
        OUT
    }

    /** @return whether {@link #payload()} holds the whole payload */
    public boolean complete() {
        return payload.length == length;
    }
}
