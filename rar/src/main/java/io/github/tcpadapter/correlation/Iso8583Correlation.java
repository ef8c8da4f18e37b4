package io.github.tcpadapter.correlation;

import java.util.Optional;

/**
 * Keys an ISO 8583 message by its MTI class and the values of some fields, the same way for requests and replies:
 * {@code 020|11=000123|41=TERM0001}. The MTI class is the version and class digits and the function digit made even
 * (0 to 7; the reserved 8 and 9 stay), without the origin digit, so that a request and its response, and an advice,
 * its repeat and their response, share it: 0200, 0201 and 0210 give {@code 020}; 0220, 0221 and 0230 give
 * {@code 022}; 0400/0410 give {@code 040}, 0420/0421/0430 {@code 042}; 0800/0810 {@code 080}. Fields are read from
 * the 1987 table ({@link Iso8583Field}); only the fields up to the highest one in the key are walked, whatever
 * follows is not read. A message that is too short, has a bad MTI, bitmap or length prefix, or lacks a field of the
 * key has no key.
 * A header of a fixed length before the MTI (a TPDU, a network's routing header) is skipped unread.
 */
final class Iso8583Correlation implements SymmetricCorrelation {

    private static final int BITMAP_BITS = 64;

    private final int headerBytes;
    private final int[] fields;
    private final Iso8583Bitmap bitmap;
    private final Iso8583Encoding encoding;

    /**
     * @param headerBytes how many bytes come before the MTI
     * @param fields the key's field numbers, ascending, distinct, each 2 to 128 but 65
     * @param bitmap how bitmaps and binary fields are written
     * @param encoding how the MTI, numeric fields and length prefixes are written
     */
    Iso8583Correlation(int headerBytes, int[] fields, Iso8583Bitmap bitmap, Iso8583Encoding encoding) {
        this.headerBytes = headerBytes;
        this.fields = fields.clone();
        this.bitmap = bitmap;
        this.encoding = encoding;
    }

    @Override
    public Optional<String> key(byte[] message) {
        StringBuilder key = new StringBuilder(32);
        int position = appendMtiClass(message, key);
        long[] present = new long[2];
        position = readBitmaps(message, position, present);
        int wanted = 0;
        for (int number = 2; position >= 0 && wanted < fields.length; number++) {
            boolean inKey = number == fields[wanted];
            if (!isSet(present, number)) {
                if (inKey) {
                    return Optional.empty();
                }
                continue;
            }
            position = readField(message, position, number, inKey ? key : null);
            if (inKey) {
                wanted++;
            }
        }
        return position < 0 ? Optional.empty() : Optional.of(key.toString());
    }

    /** @return where the bitmap starts, or -1 */
    private int appendMtiClass(byte[] message, StringBuilder key) {
        int[] digits = new int[4];
        int length = encoding == Iso8583Encoding.ASCII ? 4 : 2;
        if (message.length - headerBytes < length) {
            return -1;
        }
        for (int i = 0; i < 4; i++) {
            digits[i] = encoding == Iso8583Encoding.ASCII ? message[headerBytes + i] - '0'
                    : nibble(message, 2 * headerBytes + i);
            if (digits[i] < 0 || digits[i] > 9) {
                return -1;
            }
        }
        // function 0-7 come in pairs (request/response, advice/response, ...); 8 and 9 are reserved, kept apart
        int function = digits[2] < 8 ? digits[2] & ~1 : digits[2];
        key.append((char) ('0' + digits[0])).append((char) ('0' + digits[1])).append((char) ('0' + function));
        return headerBytes + length;
    }

    /** @return where the first field starts, or -1 */
    private int readBitmaps(byte[] message, int position, long[] present) {
        if (position < 0) {
            return -1;
        }
        int next = readBitmap(message, position, present, 0);
        return next >= 0 && isSet(present, 1) ? readBitmap(message, next, present, 1) : next;
    }

    private int readBitmap(byte[] message, int position, long[] present, int index) {
        int length = bitmap == Iso8583Bitmap.BINARY ? 8 : 16;
        if (message.length - position < length) {
            return -1;
        }
        long bits = 0;
        for (int i = position; i < position + length; i++) {
            if (bitmap == Iso8583Bitmap.BINARY) {
                bits = bits << 8 | (message[i] & 0xFF);
            } else {
                int digit = Character.digit(message[i], 16);
                if (digit < 0) {
                    return -1;
                }
                bits = bits << 4 | digit;
            }
        }
        present[index] = bits;
        return position + length;
    }

    private static boolean isSet(long[] present, int number) {
        int bit = number - 1;
        return (present[bit / BITMAP_BITS] >>> (BITMAP_BITS - 1 - bit % BITMAP_BITS) & 1) == 1;
    }

    /** @return where the next field starts, or -1; appends the field to the key if one is given */
    private int readField(byte[] message, int position, int number, StringBuilder key) {
        if (position < 0) {
            return -1;
        }
        Iso8583Field field = Iso8583Field.of(number);
        int prefixBytes = encoding == Iso8583Encoding.ASCII ? field.prefixDigits() : (field.prefixDigits() + 1) / 2;
        int length = field.prefixDigits() == 0 ? field.length() : prefix(message, position, field.prefixDigits());
        if (length < 0 || length > field.length()) {
            return -1;
        }
        int start = position + prefixBytes;
        int end = start + contentBytes(field.kind(), length);
        if (end > message.length) {
            return -1;
        }
        if (key != null) {
            key.append(KeyText.SEPARATOR).append(number).append('=');
            if (packed(field.kind())) {
                KeyText.appendHex(key, message, start, end);
            } else {
                KeyText.appendText(key, message, start, end);
            }
        }
        return end;
    }

    /** @return the length a prefix of {@code digits} decimal digits gives, or -1 */
    private int prefix(byte[] message, int position, int digits) {
        int prefixBytes = encoding == Iso8583Encoding.ASCII ? digits : (digits + 1) / 2;
        if (message.length - position < prefixBytes) {
            return -1;
        }
        int value = 0;
        // packed: an odd count of digits has a zero nibble in front, which the loop reads as a leading digit
        int count = encoding == Iso8583Encoding.ASCII ? digits : prefixBytes * 2;
        for (int i = 0; i < count; i++) {
            int digit = encoding == Iso8583Encoding.ASCII ? message[position + i] - '0'
                    : nibble(message, position * 2 + i);
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private int contentBytes(Iso8583Field.Kind kind, int length) {
        int digitBytes = encoding == Iso8583Encoding.ASCII ? length : (length + 1) / 2;
        return switch (kind) {
            case NUMERIC, TRACK -> digitBytes;
            case AMOUNT -> 1 + digitBytes;
            case TEXT -> length;
            case BINARY -> bitmap == Iso8583Bitmap.BINARY ? length : 2 * length;
        };
    }

    /** Whether a field's bytes are not characters, so the key shows them in hexadecimal. */
    private boolean packed(Iso8583Field.Kind kind) {
        return kind == Iso8583Field.Kind.BINARY ? bitmap == Iso8583Bitmap.BINARY
                : kind != Iso8583Field.Kind.TEXT && encoding == Iso8583Encoding.BCD;
    }

    /** @return the {@code index}-th 4-bit digit of the message, high nibble first */
    private static int nibble(byte[] message, int index) {
        int b = message[index / 2] & 0xFF;
        return index % 2 == 0 ? b >>> 4 : b & 0x0F;
    }
}
