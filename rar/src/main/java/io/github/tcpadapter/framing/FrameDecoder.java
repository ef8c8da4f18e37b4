package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;

/**
 * Turns one connection's byte stream into frames, whatever the split of the stream into reads. Holds no more than
 * the format's maximum frame length plus its framing bytes between calls. Not thread-safe.
 */
public interface FrameDecoder {

    /**
     * Consumes bytes from {@code in} up to the end of the next complete frame.
     *
     * @param in bytes received; its position advances past what was consumed
     * @return the next frame's payload, or {@code null} if {@code in} was drained without completing one
     * @throws FramingException if the stream cannot hold a valid frame; the decoder is unusable afterwards
     */
    byte[] decode(ByteBuffer in) throws FramingException;

    /** @return how many bytes of an incomplete frame the decoder holds */
    int pendingBytes();

    /**
     * Tells the decoder that the peer closed its side of the stream. Formats that end a frame by closing the
     * connection return that frame here; the others only check that no frame was cut short.
     *
     * @return a last frame, or {@code null} if the stream ended cleanly between frames
     * @throws FramingException if the stream ended inside a frame
     */
    default byte[] endOfStream() throws FramingException {
        if (pendingBytes() > 0) {
            throw new FramingException("stream ended inside a frame, " + pendingBytes() + " bytes discarded");
        }
        return null;
    }
}
