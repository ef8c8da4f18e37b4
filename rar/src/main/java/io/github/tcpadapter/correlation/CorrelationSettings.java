package io.github.tcpadapter.correlation;

import java.nio.charset.Charset;

/**
 * The correlation properties of a multiplexed factory, as the server set them; {@link Correlations#of} checks them.
 * A property the chosen {@code correlation} does not use is not checked. The package documentation describes each.
 *
 * @param correlation {@code NONE}, {@code IN_ORDER}, {@code ISO8583}, {@code HL7}, {@code BYTES}, {@code REGEX} or
 *                    {@code CLASS}, in any case
 * @param correlationFields for ISO8583: the key's field numbers, comma-separated
 * @param iso8583HeaderBytes for ISO8583: how many bytes come before the MTI
 * @param iso8583Bitmap for ISO8583: {@code BINARY} or {@code HEX}
 * @param iso8583Encoding for ISO8583: {@code ASCII} or {@code BCD}
 * @param correlationBytes for BYTES: {@code offset,length}
 * @param correlationPattern for REGEX: the pattern, whose first group is the key
 * @param correlationReplyPattern for REGEX: the pattern for replies; blank or null for the same as requests
 * @param correlationClass for CLASS: the binary name of the application's class
 * @param charset for REGEX: how frames are decoded, the factory's {@code charset}; null for UTF-8
 */
public record CorrelationSettings(String correlation, String correlationFields, Integer iso8583HeaderBytes,
        String iso8583Bitmap,
        String iso8583Encoding, String correlationBytes, String correlationPattern, String correlationReplyPattern,
        String correlationClass, Charset charset) {

    /** The default of {@code correlation}: the pooled, blocking factory. */
    public static final String DEFAULT_CORRELATION = "NONE";
    /** The default of {@code correlationFields}: STAN and terminal id, beside the MTI class. */
    public static final String DEFAULT_FIELDS = "11,41";
    /** The default of {@code iso8583HeaderBytes}: the MTI comes first. */
    public static final int DEFAULT_HEADER_BYTES = 0;
    /** The default of {@code iso8583Bitmap}. */
    public static final String DEFAULT_BITMAP = "BINARY";
    /** The default of {@code iso8583Encoding}. */
    public static final String DEFAULT_ENCODING = "ASCII";
}
