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
}
