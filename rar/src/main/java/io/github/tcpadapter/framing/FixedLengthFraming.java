package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;

/** The {@code FIXED} format: every frame is exactly {@code fixedLength} bytes, with no framing bytes. */
public final class FixedLengthFraming implements Framing {

    private final int fixedLength;

    /** @param fixedLength the length of every frame; 1 to {@link Framing#MAX_FRAME_LENGTH_LIMIT} */
    public FixedLengthFraming(int fixedLength) {
        if (fixedLength < 1 || fixedLength > MAX_FRAME_LENGTH_LIMIT) {
            throw new IllegalArgumentException("fixedLength must be between 1 and " + MAX_FRAME_LENGTH_LIMIT
                    + ": " + fixedLength);
        }
        this.fixedLength = fixedLength;
    }

    @Override
    public FrameDecoder newDecoder() {
        return new Decoder();
    }

    @Override
    public byte[] encode(byte[] payload) throws FramingException {
        if (payload.length != fixedLength) {
            throw new FramingException("FIXED framing needs payloads of exactly fixedLength " + fixedLength
                    + " bytes, not " + payload.length);
        }
        return payload.clone();
    }

    private final class Decoder extends FailFastDecoder {

        private final BoundedBuffer frame = new BoundedBuffer(fixedLength);

        @Override
        protected byte[] next(ByteBuffer in) {
            return frame.fillTo(in, fixedLength) ? frame.take(fixedLength) : null;
        }

        @Override
        public int pendingBytes() {
            return frame.length();
        }
    }

    @Override
    public String toString() {
        return "FIXED " + fixedLength;
    }
}
