package io.github.tcpadapter.framing;

/** How a {@link LengthPrefixFraming} header writes the length, as named by {@code lengthHeaderEncoding}. */
public enum LengthHeaderEncoding {

    /** Big-endian unsigned binary: up to 255, 65535 or 4294967295 in 1, 2 or 4 bytes. */
    BINARY {
        @Override
        long maxValue(int headerBytes) {
            return (1L << (8 * headerBytes)) - 1;
        }

        @Override
        void write(long value, byte[] header) {
            for (int i = 0; i < header.length; i++) {
                header[i] = (byte) (value >>> (8 * (header.length - 1 - i)));
            }
        }

        @Override
        long read(byte[] header) {
            long value = 0;
            for (byte b : header) {
                value = (value << 8) | (b & 0xFF);
            }
            return value;
        }
    },

    /** Zero-padded decimal ASCII digits, as ISO 8583 ASCII channels use: up to 9, 99 or 9999. */
    ASCII {
        @Override
        long maxValue(int headerBytes) {
            long max = 1;
            for (int i = 0; i < headerBytes; i++) {
                max *= 10;
            }
            return max - 1;
        }

        @Override
        void write(long value, byte[] header) {
            long rest = value;
            for (int i = header.length - 1; i >= 0; i--) {
                header[i] = (byte) ('0' + rest % 10);
                rest /= 10;
            }
        }

        @Override
        long read(byte[] header) throws FramingException {
            long value = 0;
            for (int i = 0; i < header.length; i++) {
                int digit = header[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw new FramingException(String.format(
                            "length header byte %d is 0x%02X, not an ASCII digit", i, header[i]));
                }
                value = value * 10 + digit;
            }
            return value;
        }
    };

    /** @return the largest length a header of {@code headerBytes} bytes can hold */
    abstract long maxValue(int headerBytes);

    /** Writes {@code value}, at most {@link #maxValue}, into all of {@code header}. */
    abstract void write(long value, byte[] header);

    /**
     * @return the length {@code header} holds
     * @throws FramingException if it is not a valid header
     */
    abstract long read(byte[] header) throws FramingException;
}
