package io.github.tcpadapter.framing;

/** The wire formats, as named by the {@code framing} configuration property. */
public enum FramingFormat {
    /** LF after each payload; a CR before the LF is dropped on read. */
    LINE,
    /** CR LF after each payload. */
    CRLF,
    /** A configured delimiter of one or more bytes after each payload. */
    DELIMITER,
    /** A start marker, the payload, an end marker: 0x02 and 0x03 unless configured. */
    STX_ETX,
    /** HL7's Minimal Lower Layer Protocol: 0x0B, the payload, 0x1C 0x0D. */
    MLLP,
    /** A binary or ASCII length header of 1, 2 or 4 bytes before each payload. */
    LENGTH_PREFIXED,
    /** Every payload has the same configured length. */
    FIXED,
    /** No framing: what one read returns, or everything until the peer closes. */
    RAW
}
