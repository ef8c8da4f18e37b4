package io.github.tcpadapter.correlation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds ISO 8583 messages for tests from an MTI and fields given already encoded (length prefix included): it
 * only computes and writes the bitmaps, so each test states its field bytes itself.
 */
final class Iso8583Messages {

    private final byte[] mti;
    private final Map<Integer, byte[]> fields = new TreeMap<>();

    private Iso8583Messages(byte[] mti) {
        this.mti = mti;
    }

    static Iso8583Messages ascii(String mti) {
        return new Iso8583Messages(mti.getBytes(StandardCharsets.US_ASCII));
    }

    static Iso8583Messages bcd(String mti) {
        return new Iso8583Messages(HexFormat.of().parseHex(mti));
    }

    /** A field given as ASCII text, its length prefix included. */
    Iso8583Messages field(int number, String encoded) {
        return field(number, encoded.getBytes(StandardCharsets.ISO_8859_1));
    }

    Iso8583Messages field(int number, byte[] encoded) {
        fields.put(number, encoded);
        return this;
    }

    byte[] binary() {
        return build(false);
    }

    byte[] hex() {
        return build(true);
    }

    private byte[] build(boolean hex) {
        boolean secondary = fields.keySet().stream().anyMatch(n -> n > 64);
        long[] bitmaps = new long[2];
        if (secondary) {
            bitmaps[0] |= 1L << 63;
        }
        for (int number : fields.keySet()) {
            bitmaps[(number - 1) / 64] |= 1L << (63 - (number - 1) % 64);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(mti);
        for (int i = 0; i < (secondary ? 2 : 1); i++) {
            String bits = HexFormat.of().withUpperCase().toHexDigits(bitmaps[i]);
            out.writeBytes(hex ? bits.getBytes(StandardCharsets.US_ASCII) : HexFormat.of().parseHex(bits));
        }
        fields.values().forEach(out::writeBytes);
        return out.toByteArray();
    }
}
