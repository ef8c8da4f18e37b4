package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;

/**
 * A byte sequence that ends a frame: the delimiter of delimited formats, the end marker of start/end formats.
 * Encodes frames that end there, and scans streams for the first place they do.
 */
final class Delimiter {

    private final byte[] bytes;
    private final String name;

    /**
     * @param bytes one or more bytes
     * @param name how messages call it, for example {@code LF} or {@code end marker 0x1C0D}
     */
    Delimiter(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a delimiter needs at least one byte");
        }
        this.bytes = bytes.clone();
        this.name = name;
    }

    int length() {
        return bytes.length;
    }

    String name() {
        return name;
    }

    /**
     * @return {@code prefix}, {@code payload} and this delimiter, in one array
     * @throws FramingException if the delimiter would occur before the payload's end, so the frame would be cut
     *     there: inside the payload, or straddling its end
     */
    byte[] frame(byte[] prefix, byte[] payload) throws FramingException {
        byte[] wire = new byte[prefix.length + payload.length + bytes.length];
        System.arraycopy(prefix, 0, wire, 0, prefix.length);
        System.arraycopy(payload, 0, wire, prefix.length, payload.length);
        System.arraycopy(bytes, 0, wire, prefix.length + payload.length, bytes.length);
        int end = prefix.length + payload.length;
        for (int i = prefix.length; i < end; i++) {
            if (occursAt(wire, i)) {
                throw new FramingException("payload contains the " + name + " at index " + (i - prefix.length)
                        + ", which would end the frame there");
            }
        }
        return wire;
    }

    private boolean occursAt(byte[] wire, int index) {
        for (int j = 0; j < bytes.length; j++) {
            if (wire[index + j] != bytes[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param maxPayload the longest payload the scanner accepts before the delimiter
     * @param tooLong the message when no delimiter comes in time
     * @return a scanner for one stream
     */
    Scanner newScanner(int maxPayload, String tooLong) {
        return new Scanner(maxPayload, tooLong);
    }

    /** Finds the delimiter in one stream, holding at most the longest payload plus the delimiter's bytes. */
    final class Scanner {

        private final byte last = bytes[bytes.length - 1];
        private final BoundedBuffer buffer;
        private final String tooLong;

        private Scanner(int maxPayload, String tooLong) {
            // the delimiter's last byte is never stored: it is matched as it is read
            this.buffer = new BoundedBuffer((long) maxPayload + bytes.length - 1);
            this.tooLong = tooLong;
        }

        /**
         * @return the payload before the next delimiter, or {@code null} if {@code in} was drained first
         * @throws FramingException if the payload grows past the limit without a delimiter
         */
        byte[] scan(ByteBuffer in) throws FramingException {
            while (in.hasRemaining()) {
                int end = indexOfLast(in);
                append(in, (end < 0 ? in.limit() : end) - in.position());
                if (end < 0) {
                    return null;
                }
                in.get();
                if (buffer.endsWith(bytes, bytes.length - 1)) {
                    return buffer.take(buffer.length() - (bytes.length - 1));
                }
                if (!buffer.append(last)) {
                    throw new FramingException(tooLong);
                }
            }
            return null;
        }

        int pendingBytes() {
            return buffer.length();
        }

        private void append(ByteBuffer in, int count) throws FramingException {
            if (!buffer.append(in, count)) {
                throw new FramingException(tooLong);
            }
        }

        private int indexOfLast(ByteBuffer in) {
            for (int i = in.position(), limit = in.limit(); i < limit; i++) {
                if (in.get(i) == last) {
                    return i;
                }
            }
            return -1;
        }
    }
}
