package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;

/**
 * Frames between a start marker and an end marker: formats {@code STX_ETX} (0x02 ... 0x03 unless configured) and
 * {@code MLLP} ({@link #mllp}). The payload may contain the start marker but not the end marker. Empty frames are
 * allowed.
 *
 * <p>Between frames a decoder expects the next start marker and nothing else: any other byte there (garbage, a
 * stray line end) fails the stream with a {@link FramingException}, since bytes outside a frame mean the peer and
 * the adapter disagree on the format. A decoder also fails as soon as a frame's payload passes
 * {@code maxFrameLength} without its end marker.
 */
public final class StartEndFraming extends BoundedFraming {

    /** HL7 MLLP's start block: VT. */
    private static final byte[] MLLP_START = {0x0B};
    /** HL7 MLLP's end block: FS CR. */
    private static final byte[] MLLP_END = {0x1C, 0x0D};

    private final byte[] start;
    private final Delimiter end;

    /**
     * @param start the bytes that start each frame, at least one
     * @param end the bytes that end each frame, at least one
     * @param maxFrameLength the longest payload accepted or written, markers excluded; 1 to
     *     {@link Framing#MAX_FRAME_LENGTH_LIMIT}
     */
    public StartEndFraming(byte[] start, byte[] end, int maxFrameLength) {
        super(maxFrameLength);
        if (start.length == 0) {
            throw new IllegalArgumentException("a start marker needs at least one byte");
        }
        this.start = start.clone();
        this.end = new Delimiter(end, "end marker " + ByteSequences.hex(end));
    }

    /**
     * @param maxFrameLength the longest payload, markers excluded
     * @return the {@code MLLP} format: 0x0B, the payload, 0x1C 0x0D
     */
    public static StartEndFraming mllp(int maxFrameLength) {
        return new StartEndFraming(MLLP_START, MLLP_END, maxFrameLength);
    }

    @Override
    public FrameDecoder newDecoder() {
        return new Decoder();
    }

    @Override
    byte[] frame(byte[] payload) throws FramingException {
        return end.frame(start, payload);
    }

    private final class Decoder extends FailFastDecoder {

        private final Delimiter.Scanner scanner = end.newScanner(maxFrameLength,
                "no " + end.name() + " within maxFrameLength " + maxFrameLength + " bytes");
        private int startMatched;

        @Override
        protected byte[] next(ByteBuffer in) throws FramingException {
            while (startMatched < start.length) {
                if (!in.hasRemaining()) {
                    return null;
                }
                byte b = in.get();
                if (b != start[startMatched]) {
                    throw new FramingException(String.format("expected the start marker %s but got 0x%02X %s",
                            ByteSequences.hex(start), b, startMatched == 0 ? "between frames" : "inside it"));
                }
                startMatched++;
            }
            byte[] frame = scanner.scan(in);
            if (frame != null) {
                startMatched = 0;
            }
            return frame;
        }

        @Override
        public int pendingBytes() {
            return startMatched + scanner.pendingBytes();
        }
    }

    @Override
    String describe() {
        return "STX_ETX start " + ByteSequences.hex(start) + " " + end.name();
    }
}
