package io.github.tcpadapter.framing;

/**
 * The {@code LINE} format, the default: each payload is followed by LF. On read a CR before the LF is dropped
 * too, so CRLF-terminated clients are understood; so a payload may not end with CR.
 */
public final class LineFraming extends DelimiterFraming {

    /**
     * @param maxFrameLength the longest payload accepted or written, in bytes, line terminator excluded; 1 to
     *     {@link Framing#MAX_FRAME_LENGTH_LIMIT}
     */
    public LineFraming(int maxFrameLength) {
        super(new byte[] {'\n'}, "LF", maxFrameLength, true);
    }
}
