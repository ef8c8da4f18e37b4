package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The {@code LENGTH_PREFIXED} format: a header of 1, 2 or 4 bytes holding the payload's length, then the payload.
 * The length is exclusive of the header, or inclusive with {@code lengthIncludesHeader}. Empty frames are
 * allowed. A decoder checks each header before it allocates anything for the payload: an invalid header, or one
 * announcing more than {@code maxFrameLength}, fails the stream at once.
 */
public final class LengthPrefixFraming extends BoundedFraming {

    private final int headerBytes;
    private final LengthHeaderEncoding encoding;
    private final boolean includesHeader;

    /**
     * @param headerBytes the header's size: 1, 2 or 4
     * @param encoding how the header writes the length
     * @param includesHeader whether the length counts the header's bytes too
     * @param maxFrameLength the longest payload accepted or written, header excluded; 1 to
     *     {@link Framing#MAX_FRAME_LENGTH_LIMIT}
     */
    public LengthPrefixFraming(int headerBytes, LengthHeaderEncoding encoding, boolean includesHeader,
            int maxFrameLength) {
        super(maxFrameLength);
        if (headerBytes != 1 && headerBytes != 2 && headerBytes != 4) {
            throw new IllegalArgumentException("a length header has 1, 2 or 4 bytes, not " + headerBytes);
        }
        this.headerBytes = headerBytes;
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.includesHeader = includesHeader;
    }

    @Override
    public FrameDecoder newDecoder() {
        return new Decoder();
    }

    @Override
    byte[] frame(byte[] payload) throws FramingException {
        long length = payload.length + headerOverhead();
        if (length > encoding.maxValue(headerBytes)) {
            throw new FramingException("payload of " + payload.length + " bytes exceeds the range of a "
                    + headerBytes + "-byte " + encoding + " length header, " + encoding.maxValue(headerBytes)
                    + (includesHeader ? " including the header" : ""));
        }
        byte[] header = new byte[headerBytes];
        encoding.write(length, header);
        byte[] wire = new byte[headerBytes + payload.length];
        System.arraycopy(header, 0, wire, 0, headerBytes);
        System.arraycopy(payload, 0, wire, headerBytes, payload.length);
        return wire;
    }

    private int headerOverhead() {
        return includesHeader ? headerBytes : 0;
    }

    private final class Decoder extends FailFastDecoder {

        private final byte[] header = new byte[headerBytes];
        private int headerRead;
        private int payloadLength;
        private final BoundedBuffer payload = new BoundedBuffer(maxFrameLength);

        @Override
        protected byte[] next(ByteBuffer in) throws FramingException {
            if (headerRead < headerBytes) {
                int count = Math.min(in.remaining(), headerBytes - headerRead);
                in.get(header, headerRead, count);
                headerRead += count;
                if (headerRead < headerBytes) {
                    return null;
                }
                payloadLength = announcedPayloadLength();
            }
            if (!payload.fillTo(in, payloadLength)) {
                return null;
            }
            headerRead = 0;
            return payload.take(payloadLength);
        }

        private int announcedPayloadLength() throws FramingException {
            long length = encoding.read(header) - headerOverhead();
            if (length < 0) {
                throw new FramingException("length header announces " + (length + headerBytes)
                        + " bytes, fewer than the " + headerBytes + "-byte header it includes");
            }
            if (length > maxFrameLength) {
                throw new FramingException("length header announces " + length + " bytes, over maxFrameLength "
                        + maxFrameLength);
            }
            return (int) length;
        }

        @Override
        public int pendingBytes() {
            return headerRead + payload.length();
        }
    }

    @Override
    String describe() {
        return "LENGTH_PREFIXED " + headerBytes + " bytes " + encoding + (includesHeader ? " inclusive" : "");
    }
}
