package io.github.tcpadapter.framing;

import java.io.ByteArrayOutputStream;

/**
 * Byte sequences written as configuration text, as the {@code delimiter}, {@code startBytes} and {@code endBytes}
 * properties take them:
 *
 * <ul>
 *   <li>hex, when the text starts with {@code 0x}: two digits per byte, for example {@code 0x1F} or
 *       {@code 0x1C0D};</li>
 *   <li>otherwise ASCII text with the escapes {@code \0 \r \n \t \\} and {@code \xNN} (any byte), for example
 *       {@code \r\n} or {@code END\x00}. Characters beyond ASCII are refused: write their bytes as escapes.</li>
 * </ul>
 */
public final class ByteSequences {

    private static final String HEX_PREFIX = "0x";
    private static final String HEX_DIGITS = "0123456789ABCDEF";

    private ByteSequences() {
    }

    /**
     * @param text the configured value
     * @return its bytes, at least one
     * @throws IllegalArgumentException saying why the text is not a byte sequence (empty, a bad escape or digit)
     */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("needs at least one byte");
        }
        if (text.regionMatches(true, 0, HEX_PREFIX, 0, HEX_PREFIX.length())) {
            return parseHex(text.substring(HEX_PREFIX.length()));
        }
        return parseEscaped(text);
    }

    /** @return the bytes as {@code 0x} and two upper-case hex digits per byte, for messages */
    public static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder(HEX_PREFIX);
        for (byte b : bytes) {
            text.append(HEX_DIGITS.charAt((b >> 4) & 0xF)).append(HEX_DIGITS.charAt(b & 0xF));
        }
        return text.toString();
    }

    private static byte[] parseHex(String digits) {
        if (digits.isEmpty() || digits.length() % 2 != 0) {
            throw new IllegalArgumentException("hex needs two digits per byte after 0x, and at least one byte");
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) hexByte(digits, 2 * i, HEX_PREFIX.length());
        }
        return bytes;
    }

    private static byte[] parseEscaped(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                throw new IllegalArgumentException("non-ASCII character '" + c + "' at index " + i
                        + ": write bytes above 0x7F as \\xNN or in hex");
            }
            if (c != '\\') {
                bytes.write(c);
                i++;
                continue;
            }
            if (i + 1 == text.length()) {
                throw new IllegalArgumentException("ends with a lone backslash: write \\\\ for one");
            }
            char escape = text.charAt(i + 1);
            if (escape == 'x') {
                if (i + 4 > text.length()) {
                    throw new IllegalArgumentException("\\x at index " + i + " needs two hex digits");
                }
                bytes.write(hexByte(text, i + 2, 0));
                i += 4;
            } else {
                bytes.write(unescape(escape, i));
                i += 2;
            }
        }
        return bytes.toByteArray();
    }

    private static int unescape(char escape, int index) {
        switch (escape) {
            case '0':
                return 0;
            case 'r':
                return '\r';
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case '\\':
                return '\\';
            default:
                throw new IllegalArgumentException("unknown escape \\" + escape + " at index " + index
                        + ": use \\0, \\r, \\n, \\t, \\\\ or \\xNN");
        }
    }

    /** @param shift how far {@code text} starts into the configured value, for the message's index */
    private static int hexByte(String text, int at, int shift) {
        int high = HEX_DIGITS.indexOf(Character.toUpperCase(text.charAt(at)));
        int low = HEX_DIGITS.indexOf(Character.toUpperCase(text.charAt(at + 1)));
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("'" + text.substring(at, at + 2) + "' at index " + (at + shift)
                    + " is not a hex byte");
        }
        return high << 4 | low;
    }
}
