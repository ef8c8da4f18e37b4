package io.github.tcpadapter.correlation;

import java.util.HexFormat;

/**
 * Turns bytes of an untrusted frame into key text: keys are compared, and may be logged, so they hold no control
 * characters and no separator a field could forge.
 */
final class KeyText {

    /** What separates the parts of a key made of several. */
    static final char SEPARATOR = '|';

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private KeyText() {
    }

    /** Printable ASCII as it is, every other byte, the separator and the backslash as {@code \xHH}. */
    static void appendText(StringBuilder key, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != SEPARATOR && b != '\\') {
                key.append((char) b);
            } else {
                key.append("\\x");
                HEX.toHexDigits(key, (byte) b);
            }
        }
    }

    /** Upper-case hexadecimal, two digits a byte. */
    static void appendHex(StringBuilder key, byte[] bytes, int from, int to) {
        key.append(HEX.formatHex(bytes, from, to));
    }
}
