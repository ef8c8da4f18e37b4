package io.github.tcpadapter.correlation;

/** How an ISO 8583 message writes its MTI, its numeric fields and its length prefixes. */
public enum Iso8583Encoding {
    /** One ASCII character per digit; LL and LLL prefixes are 2 and 3 ASCII digits. */
    ASCII,
    /**
     * Packed BCD, two digits a byte, an odd count padded on the left: the MTI is 2 bytes, LL and LLL prefixes are 1
     * and 2 bytes, numeric and track-2 fields take half their digits (rounded up), an amount's sign stays one ASCII
     * character. Text fields stay one byte per character.
     */
    BCD
}
