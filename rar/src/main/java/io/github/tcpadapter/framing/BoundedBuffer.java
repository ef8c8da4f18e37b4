package io.github.tcpadapter.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of one incomplete frame. Grows on demand up to a fixed limit, so a decoder never holds more than its
 * format allows, and a peer that announces a large frame but sends little makes it allocate little.
 */
final class BoundedBuffer {

    private static final int INITIAL_CAPACITY = 256;
    // an idle connection's decoder holds no array until a frame arrives in pieces
    private static final byte[] NONE = new byte[0];
    // no JVM allocates arrays much larger
    private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final int limit;
    private byte[] bytes;
    private int length;

    /** @param limit the most bytes the buffer will hold; clamped to the largest array a JVM allocates */
    BoundedBuffer(long limit) {
        this.limit = (int) Math.min(limit, LARGEST_ARRAY);
        this.bytes = NONE;
    }

    int length() {
        return length;
    }

    /**
     * Moves {@code count} bytes of {@code in} to the end of this buffer. If they do not fit, moves what fits,
     * consumes the first byte too many (so the caller's position points past the offending byte) and returns
     * {@code false}.
     */
    boolean append(ByteBuffer in, int count) {
        int room = limit - length;
        if (count > room) {
            copy(in, room);
            in.get();
            return false;
        }
        copy(in, count);
        return true;
    }

    /** Appends one byte, unless the buffer is full; returns whether it fitted. */
    boolean append(byte b) {
        if (length == limit) {
            return false;
        }
        grow(length + 1);
        bytes[length++] = b;
        return true;
    }

    /**
     * Moves bytes of {@code in} here until the buffer holds {@code target} bytes or {@code in} is drained.
     *
     * @param target at most the buffer's limit
     * @return whether the buffer now holds {@code target} bytes
     */
    boolean fillTo(ByteBuffer in, int target) {
        copy(in, Math.min(in.remaining(), target - length));
        return length == target;
    }

    /** @return whether the buffer's last bytes are the first {@code count} bytes of {@code sequence} */
    boolean endsWith(byte[] sequence, int count) {
        if (length < count) {
            return false;
        }
        return Arrays.equals(bytes, length - count, length, sequence, 0, count);
    }

    /** @return the byte at {@code index}, which is below {@link #length()} */
    byte at(int index) {
        return bytes[index];
    }

    /** Returns a copy of the first {@code count} bytes and empties the buffer (the rest is framing, dropped). */
    byte[] take(int count) {
        byte[] taken = Arrays.copyOf(bytes, count);
        length = 0;
        return taken;
    }

    private void copy(ByteBuffer in, int count) {
        grow(length + count);
        in.get(bytes, length, count);
        length += count;
    }

    private void grow(int needed) {
        if (needed > bytes.length) {
            long doubled = Math.max(INITIAL_CAPACITY, (long) bytes.length * 2);
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(needed, doubled)));
        }
    }
}
