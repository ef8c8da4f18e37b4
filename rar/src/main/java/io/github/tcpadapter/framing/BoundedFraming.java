package io.github.tcpadapter.framing;

/** The base of the formats bounded by {@code maxFrameLength}: checks the limit once for all of them. */
abstract class BoundedFraming implements Framing {

    /** The longest payload accepted or written, framing bytes excluded. */
    final int maxFrameLength;

    /** @throws IllegalArgumentException if {@code maxFrameLength} is outside 1..{@link #MAX_FRAME_LENGTH_LIMIT} */
    BoundedFraming(int maxFrameLength) {
        if (maxFrameLength < 1 || maxFrameLength > MAX_FRAME_LENGTH_LIMIT) {
            throw new IllegalArgumentException("maxFrameLength must be between 1 and " + MAX_FRAME_LENGTH_LIMIT
                    + ": " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    public final byte[] encode(byte[] payload) throws FramingException {
        if (payload.length > maxFrameLength) {
            throw new FramingException("payload of " + payload.length + " bytes exceeds maxFrameLength "
                    + maxFrameLength);
        }
        return frame(payload);
    }

    /** {@link #encode} of a payload within the limit. */
    abstract byte[] frame(byte[] payload) throws FramingException;

    /** @return the format as configured, for log lines: its name and its details */
    @Override
    public String toString() {
        return describe() + ", maxFrameLength " + maxFrameLength;
    }

    /** @return the format's name and what sets it apart, without the limit */
    abstract String describe();
}
