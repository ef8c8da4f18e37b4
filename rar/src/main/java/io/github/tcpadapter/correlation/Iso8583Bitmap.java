package io.github.tcpadapter.correlation;

/** How an ISO 8583 message writes its bitmaps, and its binary fields (52, 64, 96, 128, 65) with them. */
public enum Iso8583Bitmap {
    /** 8 bytes, 16 with a secondary bitmap; binary fields are raw bytes. */
    BINARY,
    /** 16 hexadecimal characters, 32 with a secondary bitmap; binary fields are two hexadecimal characters a byte. */
    HEX
}
