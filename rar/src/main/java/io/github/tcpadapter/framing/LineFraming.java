package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Newline-delimited frames: each payload is followed by LF. On read a CR before the LF is dropped too, so
 * CRLF-terminated clients are understood.
 */
public final class LineFraming implements Framing {

    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final int maxFrameLength;

    /**
     * @param maxFrameLength the longest payload accepted or written, in bytes, line terminator excluded; 1 to
     *     {@link Framing#MAX_FRAME_LENGTH_LIMIT}
     */
    public LineFraming(int maxFrameLength) {
        if (maxFrameLength < 1 || maxFrameLength > MAX_FRAME_LENGTH_LIMIT) {
            throw new IllegalArgumentException("maxFrameLength must be between 1 and " + MAX_FRAME_LENGTH_LIMIT
                    + ": " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    public FrameDecoder newDecoder() {
        return new Decoder();
    }

    @Override
    public byte[] encode(byte[] payload) throws FramingException {
        if (payload.length > maxFrameLength) {
            throw new FramingException("payload of " + payload.length + " bytes exceeds maxFrameLength "
                    + maxFrameLength);
        }
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == LF) {
                throw new FramingException("payload contains LF at index " + i + ", which ends a line frame");
            }
        }
        if (payload.length > 0 && payload[payload.length - 1] == CR) {
            throw new FramingException("payload ends with CR, which line framing drops on read");
        }
        byte[] wire = Arrays.copyOf(payload, payload.length + 1);
        wire[payload.length] = LF;
        return wire;
    }

    private final class Decoder implements FrameDecoder {

        // a line may hold one CR more than the limit, since a CR before the LF is not part of the payload
        private final int maxLineLength = maxFrameLength + 1;
        private byte[] line = new byte[Math.min(256, maxLineLength)];
        private int length;

        @Override
        public byte[] decode(ByteBuffer in) throws FramingException {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == LF) {
                    return takeLine();
                }
                append(b);
            }
            return null;
        }

        @Override
        public int pendingBytes() {
            return length;
        }

        private void append(byte b) throws FramingException {
            if (length == maxLineLength) {
                throw new FramingException("no line end within maxFrameLength " + maxFrameLength + " bytes");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, (int) Math.min((long) line.length * 2, maxLineLength));
            }
            line[length++] = b;
        }

        private byte[] takeLine() throws FramingException {
            int payloadLength = length > 0 && line[length - 1] == CR ? length - 1 : length;
            if (payloadLength > maxFrameLength) {
                throw new FramingException("line of " + payloadLength + " bytes exceeds maxFrameLength "
                        + maxFrameLength);
            }
            length = 0;
            return Arrays.copyOf(line, payloadLength);
        }
    }
}
