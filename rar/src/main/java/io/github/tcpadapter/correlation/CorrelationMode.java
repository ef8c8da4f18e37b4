package io.github.tcpadapter.correlation;

/** How a factory pairs replies with requests: the values of its {@code correlation} property. */
public enum CorrelationMode {
    /** No multiplexing: the pooled, blocking factory of today; {@link Correlations#of} returns no key function. */
    NONE,
    /** Many requests in flight, answered in the order they were written; there is no key. */
    IN_ORDER,
    /** ISO 8583: the MTI class and configured fields. */
    ISO8583,
    /** HL7 v2: MSH-10 of the request, MSA-2 of the reply. */
    HL7,
    /** The same range of bytes in request and reply. */
    BYTES,
    /** The first capturing group of a regular expression. */
    REGEX,
    /** A {@link io.github.tcpadapter.api.TcpCorrelation} class of the application's own. */
    CLASS
}
