package io.github.tcpadapter.framing;

/** A wire format. Implementations are immutable and thread-safe; decoders are not, so create one per connection. */
public interface Framing {

    /** The largest {@code maxFrameLength} any format accepts: about the largest array a JVM allocates. */
    int MAX_FRAME_LENGTH_LIMIT = Integer.MAX_VALUE - 16;

    /** @return a new decoder for one connection's byte stream */
    FrameDecoder newDecoder();

    /**
     * Frames a payload for the wire.
     *
     * @param payload the message, without framing bytes
     * @return the bytes to write, framing included
     * @throws FramingException if the payload cannot be framed in this format (for example it is too long)
     */
    byte[] encode(byte[] payload) throws FramingException;
}
