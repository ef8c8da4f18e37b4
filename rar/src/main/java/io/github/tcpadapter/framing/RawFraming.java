package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;

/**
 * The {@code RAW} format: no framing bytes. Payloads are written as they are. On read, a frame is either what
 * one read returned (one {@link FrameDecoder#decode} call's bytes), or, with {@code untilClose}, everything the
 * peer sends until it closes its side.
 *
 * <p>Per read, bytes beyond {@code maxFrameLength} are not refused but split into several frames of at most
 * {@code maxFrameLength} bytes: a read's size is arbitrary anyway (the sender's writes, the network and the
 * reader's buffer decide it), so a cut is as good as the read's own, and a long stream never fails. Until close,
 * the stream is one message, and one longer than {@code maxFrameLength} is refused as soon as it gets there.
 */
public final class RawFraming extends BoundedFraming {

    private final boolean untilClose;

    /**
     * @param maxFrameLength the longest frame returned or payload written; 1 to
     *     {@link Framing#MAX_FRAME_LENGTH_LIMIT}
     * @param untilClose whether a frame ends only when the peer closes, instead of with each read
     */
    public RawFraming(int maxFrameLength, boolean untilClose) {
        super(maxFrameLength);
        this.untilClose = untilClose;
    }

    @Override
    public FrameDecoder newDecoder() {
        return untilClose ? new UntilCloseDecoder() : new PerReadDecoder();
    }

    @Override
    byte[] frame(byte[] payload) {
        return payload.clone();
    }

    private final class PerReadDecoder extends FailFastDecoder {

        @Override
        protected byte[] next(ByteBuffer in) {
            if (!in.hasRemaining()) {
                return null;
            }
            byte[] frame = new byte[Math.min(in.remaining(), maxFrameLength)];
            in.get(frame);
            return frame;
        }

        @Override
        public int pendingBytes() {
            return 0;
        }
    }

    private final class UntilCloseDecoder extends FailFastDecoder {

        private final BoundedBuffer message = new BoundedBuffer(maxFrameLength);

        @Override
        protected byte[] next(ByteBuffer in) throws FramingException {
            if (!message.append(in, in.remaining())) {
                throw new FramingException("more than maxFrameLength " + maxFrameLength
                        + " bytes before the peer closed");
            }
            return null;
        }

        /** @return everything received, or {@code null} if the peer closed without sending anything */
        @Override
        protected byte[] finish() {
            return message.length() == 0 ? null : message.take(message.length());
        }

        @Override
        public int pendingBytes() {
            return message.length();
        }
    }

    @Override
    String describe() {
        return untilClose ? "RAW until close" : "RAW per read";
    }
}
