package io.github.tcpadapter.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ISO 8583 message as a card terminal's host link writes it: ASCII MTI, an 8-byte binary primary bitmap, then
 * the fields present, ASCII, of fixed length. Only the fields the tests use: 3 (processing code), 4 (amount),
 * 11 (STAN), 39 (response code), 41 (terminal id).
 */
record Iso8583Message(String mti, Map<Integer, String> fields) {

    private static final Map<Integer, Integer> LENGTHS = Map.of(3, 6, 4, 12, 11, 6, 39, 2, 41, 8);

    Iso8583Message {
        fields = new TreeMap<>(fields);
        for (Map.Entry<Integer, String> field : fields.entrySet()) {
            if (field.getValue().length() != LENGTHS.get(field.getKey())) {
                throw new IllegalArgumentException("Field " + field.getKey() + " is " + LENGTHS.get(field.getKey())
                        + " characters long: " + field.getValue());
            }
        }
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mti.getBytes(StandardCharsets.US_ASCII));
        byte[] bitmap = new byte[8];
        fields.keySet().forEach(number -> bitmap[(number - 1) / 8] |= (byte) (0x80 >>> ((number - 1) % 8)));
        out.writeBytes(bitmap);
        fields.values().forEach(value -> out.writeBytes(value.getBytes(StandardCharsets.US_ASCII)));
        return out.toByteArray();
    }

    static Iso8583Message decode(byte[] message) {
        String mti = new String(message, 0, 4, StandardCharsets.US_ASCII);
        Map<Integer, String> fields = new TreeMap<>();
        int at = 12;
        for (int number = 2; number <= 64; number++) {
            if ((message[4 + (number - 1) / 8] & (0x80 >>> ((number - 1) % 8))) != 0) {
                Integer length = LENGTHS.get(number);
                if (length == null) {
                    throw new IllegalArgumentException("Field " + number + " is not one the tests use");
                }
                fields.put(number, new String(message, at, length, StandardCharsets.US_ASCII));
                at += length;
            }
        }
        return new Iso8583Message(mti, fields);
    }

    /** @return the approved response to this request: MTI 0210 for 0200, its fields and response code 00 */
    Iso8583Message approved() {
        Map<Integer, String> response = new TreeMap<>(fields);
        response.put(39, "00");
        return new Iso8583Message(mti.substring(0, 2) + (char) (mti.charAt(2) + 1) + mti.charAt(3), response);
    }
}
