package io.github.tcpadapter.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Frame payloads as an engineer types and reads them: text with {@code [0D]}-style escapes for any byte, or hex
 * digits. Text is UTF-8; a byte that is not printable text shows as its escape.
 */
final class Payloads {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private Payloads() {
    }

    /**
     * @param mode {@code text} or {@code hex}
     * @param data what the user typed
     * @return the payload's bytes
     * @throws IllegalArgumentException naming what is wrong and where
     */
    static byte[] parse(String mode, String data) {
        if (data == null) {
            throw new IllegalArgumentException("No data to send");
        }
        return switch (mode == null ? "" : mode) {
            case "text" -> fromText(data);
            case "hex" -> fromHex(data);
            default -> throw new IllegalArgumentException("Unknown mode '" + mode + "': use text or hex");
        };
    }

    /** {@code [XX]} is the byte with hex value XX and {@code [[} a bracket; any other text is UTF-8. */
    static byte[] fromText(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        int plainFrom = 0;
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) != '[') {
                i++;
                continue;
            }
            bytes.writeBytes(text.substring(plainFrom, i).getBytes(StandardCharsets.UTF_8));
            if (text.startsWith("[[", i)) {
                bytes.write('[');
                i += 2;
            } else if (i + 3 < text.length() && text.charAt(i + 3) == ']' && isHexDigit(text.charAt(i + 1))
                    && isHexDigit(text.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 4;
            } else {
                throw new IllegalArgumentException("'[' at position " + (i + 1) + " starts no escape: write a byte as"
                        + " [0D] (two hex digits) and a bracket as [[");
            }
            plainFrom = i;
        }
        bytes.writeBytes(text.substring(plainFrom).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** Pairs of hex digits, with or without spaces between them. */
    static byte[] fromHex(String hex) {
        StringBuilder digits = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (isHexDigit(c)) {
                digits.append(c);
            } else if (!Character.isWhitespace(c)) {
                throw new IllegalArgumentException("'" + c + "' at position " + (i + 1) + " is not a hex digit");
            }
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("Hex needs two digits per byte; " + digits.length() + " digits given");
        }
        return HexFormat.of().parseHex(digits);
    }

    /** @return the payload as text: printable UTF-8 as is, every other byte (and a bracket) escaped */
    static String text(byte[] payload) {
        StringBuilder text = new StringBuilder(payload.length);
        int i = 0;
        while (i < payload.length) {
            int b = payload[i] & 0xFF;
            int sequence = utf8Length(payload, i);
            if (b == '[') {
                text.append("[[");
            } else if (b >= 0x20 && b < 0x7F) {
                text.append((char) b);
            } else if (sequence > 1) {
                String character = new String(payload, i, sequence, StandardCharsets.UTF_8);
                if (isPrintable(character.codePointAt(0))) {
                    text.append(character);
                    i += sequence;
                    continue;
                }
                escape(text, b);
            } else {
                escape(text, b);
            }
            i++;
        }
        return text.toString();
    }

    /** @return the payload as hex pairs separated by spaces */
    static String hex(byte[] payload) {
        return HEX.formatHex(payload);
    }

    private static void escape(StringBuilder text, int b) {
        text.append('[').append(HexFormat.of().withUpperCase().toHexDigits((byte) b)).append(']');
    }

    // the length of a well-formed multi-byte UTF-8 sequence at i, else 1
    private static int utf8Length(byte[] bytes, int i) {
        int lead = bytes[i] & 0xFF;
        int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 1;
        if (lead < 0xC2 || lead > 0xF4 || i + length > bytes.length) {
            return 1;
        }
        for (int k = 1; k < length; k++) {
            if ((bytes[i + k] & 0xC0) != 0x80) {
                return 1;
            }
        }
        // overlong and surrogate forms decode to U+FFFD: treat them as bytes
        String decoded = new String(bytes, i, length, StandardCharsets.UTF_8);
        return decoded.codePointCount(0, decoded.length()) == 1 && decoded.codePointAt(0) != 0xFFFD ? length : 1;
    }

    private static boolean isPrintable(int codePoint) {
        return !Character.isISOControl(codePoint) && Character.isDefined(codePoint)
                && Character.getType(codePoint) != Character.FORMAT;
    }

    private static boolean isHexDigit(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }
}
