package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Delimited frames: each payload is followed by a delimiter of one or more bytes, which the payload may not
 * contain. Formats {@code CRLF} ({@link #crlf}) and {@code DELIMITER}; {@link LineFraming} is the LF variant.
 * Empty frames are allowed. A decoder fails as soon as it holds {@code maxFrameLength} bytes plus the
 * delimiter's without a delimiter among them.
 */
public class DelimiterFraming extends BoundedFraming {

    private static final byte CR = '\r';

    private final Delimiter delimiter;
    private final boolean stripTrailingCr;

    /**
     * @param delimiter the bytes that end each frame, at least one
     * @param maxFrameLength the longest payload accepted or written, delimiter excluded; 1 to
     *     {@link Framing#MAX_FRAME_LENGTH_LIMIT}
     */
    public DelimiterFraming(byte[] delimiter, int maxFrameLength) {
        this(delimiter, "delimiter " + ByteSequences.hex(delimiter), maxFrameLength, false);
    }

    /**
     * @param stripTrailingCr whether a CR before the delimiter is dropped on read (and refused at a payload's end
     *     on write), for line formats that accept CRLF as well
     */
    DelimiterFraming(byte[] delimiter, String name, int maxFrameLength, boolean stripTrailingCr) {
        super(maxFrameLength);
        this.delimiter = new Delimiter(delimiter, name);
        this.stripTrailingCr = stripTrailingCr;
    }

    /**
     * @param maxFrameLength the longest payload, CRLF excluded
     * @return the {@code CRLF} format: CR LF after each payload
     */
    public static DelimiterFraming crlf(int maxFrameLength) {
        return new DelimiterFraming(new byte[] {CR, '\n'}, "CRLF", maxFrameLength, false);
    }

    @Override
    public FrameDecoder newDecoder() {
        return new Decoder();
    }

    @Override
    byte[] frame(byte[] payload) throws FramingException {
        if (stripTrailingCr && payload.length > 0 && payload[payload.length - 1] == CR) {
            throw new FramingException("payload ends with CR, which line framing drops on read");
        }
        return delimiter.frame(new byte[0], payload);
    }

    private final class Decoder extends FailFastDecoder {

        // a stripped CR is not part of the payload, so the line may be one byte longer
        private final Delimiter.Scanner scanner = delimiter.newScanner(maxFrameLength + (stripTrailingCr ? 1 : 0),
                "no " + delimiter.name() + " within maxFrameLength " + maxFrameLength + " bytes");

        @Override
        protected byte[] next(ByteBuffer in) throws FramingException {
            byte[] frame = scanner.scan(in);
            if (frame == null || !stripTrailingCr) {
                return frame;
            }
            byte[] payload = frame.length > 0 && frame[frame.length - 1] == CR
                    ? Arrays.copyOf(frame, frame.length - 1)
                    : frame;
            if (payload.length > maxFrameLength) {
                throw new FramingException("line of " + payload.length + " bytes exceeds maxFrameLength "
                        + maxFrameLength);
            }
            return payload;
        }

        @Override
        public int pendingBytes() {
            return scanner.pendingBytes();
        }
    }

    @Override
    String describe() {
        return stripTrailingCr ? "LINE" : delimiter.name().equals("CRLF") ? "CRLF" : "DELIMITER " + delimiter.name();
    }
}
