package io.github.tcpadapter.correlation;

/**
 * How long a data element of ISO 8583:1987 is and how its content is written, for fields 2 to 128: what a reader
 * needs to step over the fields in front of the ones a key is made of.
 *
 * @param kind how the content is written
 * @param prefixDigits 0 for a fixed length, 2 for LLVAR, 3 for LLLVAR
 * @param length the fixed length, or the largest variable one: in digits or characters, in bytes for binary fields
 */
record Iso8583Field(Kind kind, int prefixDigits, int length) {

    /** How a field's content is written. */
    enum Kind {
        /** Digits (n). */
        NUMERIC,
        /** Track-2 data (z): digits and separators, packed like digits in BCD. */
        TRACK,
        /** An amount with a sign (x+n): one character 'C' or 'D', then the digits. */
        AMOUNT,
        /** Characters (a, an, ans, ns): one byte each. */
        TEXT,
        /** Bytes (b). */
        BINARY
    }

    // The 1987 table, from field 2: kind letter (n, z, x = x+n, a = a/an/ans/ns, b = bytes), dots for LL/LLL, length.
    private static final String TABLE = """
            n..19 n6 n12 n12 n12 n10 n8 n8 n8 n6 n6 n4 n4 n4 n4 n4 n4 n3 n3 n3 n3 n3 n3 n2 n2 n1 x8 x8 x8 x8 \
            n..11 n..11 a..28 z..37 n...104 a12 a6 a2 a3 a8 a15 a40 a..25 a..76 a...999 a...999 a...999 a3 a3 a3 \
            b8 n16 a...120 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 b8 \
            b1 n1 n2 n3 n3 n3 n4 n4 n6 n10 n10 n10 n10 n10 n10 n10 n10 n12 n12 n12 n12 n16 n16 n16 n16 n42 \
            a1 a2 a5 a7 a42 b8 x16 a25 n..11 n..11 a..17 a..28 a..28 a...100 \
            a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 \
            a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 a...999 b8""";

    private static final Iso8583Field[] FIELDS = parse(TABLE.split("\\s+"));

    /** The highest field number a secondary bitmap can announce. */
    static final int LAST = 128;

    /**
     * @param number a field number, 2 to 128
     * @return how that field is written
     */
    static Iso8583Field of(int number) {
        return FIELDS[number];
    }

    private static Iso8583Field[] parse(String[] codes) {
        if (codes.length != LAST - 1) {
            throw new IllegalStateException("ISO 8583 field table has " + codes.length + " entries, not 127");
        }
        Iso8583Field[] fields = new Iso8583Field[LAST + 1];
        for (int i = 0; i < codes.length; i++) {
            String code = codes[i];
            Kind kind = switch (code.charAt(0)) {
                case 'n' -> Kind.NUMERIC;
                case 'z' -> Kind.TRACK;
                case 'x' -> Kind.AMOUNT;
                case 'a' -> Kind.TEXT;
                case 'b' -> Kind.BINARY;
                default -> throw new IllegalStateException("ISO 8583 field code " + code);
            };
            int dots = (int) code.chars().filter(c -> c == '.').count();
            fields[i + 2] = new Iso8583Field(kind, dots, Integer.parseInt(code.substring(1 + dots)));
        }
        return fields;
    }
}
