package io.github.tcpadapter.framing;

/** The frame length checks every format shares. */
final class Limits {

    private Limits() {
    }

    /**
     * @return {@code maxFrameLength}
     * @throws IllegalArgumentException if it is outside 1..{@link Framing#MAX_FRAME_LENGTH_LIMIT}
     */
    static int maxFrameLength(int maxFrameLength) {
        if (maxFrameLength < 1 || maxFrameLength > Framing.MAX_FRAME_LENGTH_LIMIT) {
            throw new IllegalArgumentException("maxFrameLength must be between 1 and "
                    + Framing.MAX_FRAME_LENGTH_LIMIT + ": " + maxFrameLength);
        }
        return maxFrameLength;
    }

    /** @throws FramingException if the payload is longer than {@code maxFrameLength} */
    static void checkPayload(byte[] payload, int maxFrameLength) throws FramingException {
        if (payload.length > maxFrameLength) {
            throw new FramingException("payload of " + payload.length + " bytes exceeds maxFrameLength "
                    + maxFrameLength);
        }
    }
}
