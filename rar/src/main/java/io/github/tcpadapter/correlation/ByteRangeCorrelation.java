package io.github.tcpadapter.correlation;

import java.util.Optional;

/** Keys requests and replies by the same range of bytes, in hexadecimal; a frame too short for it has no key. */
final class ByteRangeCorrelation implements SymmetricCorrelation {

    private final int offset;
    private final int length;

    /**
     * @param offset where the range starts, 0 or more
     * @param length how many bytes it has, 1 or more
     */
    ByteRangeCorrelation(int offset, int length) {
        this.offset = offset;
        this.length = length;
    }

    @Override
    public Optional<String> key(byte[] frame) {
        if (frame.length - offset < length) {
            return Optional.empty();
        }
        StringBuilder key = new StringBuilder(2 * length);
        KeyText.appendHex(key, frame, offset, offset + length);
        return Optional.of(key.toString());
    }
}
