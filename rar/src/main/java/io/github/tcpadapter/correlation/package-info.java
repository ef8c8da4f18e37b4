/**
 * Key functions ({@link io.github.tcpadapter.api.TcpCorrelation}) that pair replies with their requests on a
 * multiplexed connection, and the one place that makes them from a factory's properties:
 * {@link io.github.tcpadapter.correlation.Correlations#of}, fed a
 * {@link io.github.tcpadapter.correlation.CorrelationSettings} the factory fills.
 *
 * <h2>Properties of a multiplexed factory</h2>
 * Checked when the factory starts; a property the chosen {@code correlation} does not use is not checked. Errors are
 * {@code InvalidPropertyException}s naming the property and its value.
 * <ul>
 * <li>{@code correlation}, default {@code NONE}: {@code NONE} is the pooled, blocking factory (no multiplexing);
 * {@code IN_ORDER}: replies come in request order (pipelining), there is no key; {@code ISO8583}, {@code HL7},
 * {@code BYTES}, {@code REGEX}, {@code CLASS}: by key, below. For {@code NONE} and {@code IN_ORDER},
 * {@code Correlations.of} returns empty and {@link io.github.tcpadapter.correlation.Correlations#mode} tells which:
 * the link keeps its own order for {@code IN_ORDER}.</li>
 * <li>{@code correlationFields}, default {@code 11,41}: for {@code ISO8583}, the fields of the key besides the MTI
 * class, which is always in it: numbers 2 to 128 but 65, comma-separated.</li>
 * <li>{@code iso8583HeaderBytes}, default {@code 0}: for {@code ISO8583}, how many bytes come before the MTI (a
 * TPDU has 5), skipped unread; 0 to 1024.</li>
 * <li>{@code iso8583Bitmap}, default {@code BINARY}: {@code BINARY} (8 bytes, 16 with the secondary bitmap) or
 * {@code HEX} (16 hexadecimal characters, 32). Binary fields (52, 64, 96, 128, 65) are written like the bitmap: raw
 * bytes, or two hexadecimal characters a byte.</li>
 * <li>{@code iso8583Encoding}, default {@code ASCII}: the MTI, numeric fields and length prefixes as ASCII digits,
 * or {@code BCD}, packed two digits a byte (text fields stay ASCII).</li>
 * <li>{@code correlationBytes}: for {@code BYTES}, {@code offset,length}, the same range of request and reply; the
 * key is its bytes in hexadecimal; length 1 to 1024.</li>
 * <li>{@code correlationPattern}: for {@code REGEX}, a {@link java.util.regex.Pattern} with a capturing group; the
 * first group of its first match is the key. {@code correlationReplyPattern}, optional: another pattern for
 * replies. Frames are decoded with the factory's {@code charset} (UTF-8 by default); only their first 4096 bytes
 * are searched, and a search gets at most a million character reads, so a pattern that backtracks badly on a
 * hostile frame gives up (about 13 ms for the worst, measured on the build machine) with no key.</li>
 * <li>{@code correlationClass}: for {@code CLASS}, the binary name of the application's
 * {@code TcpCorrelation}, public with a public no-argument constructor.</li>
 * </ul>
 *
 * <h2>The built-in keys</h2>
 * A frame whose key cannot be read (too short, a bad bitmap or length prefix, a missing field, HL7 without MSA) has
 * an empty key, never an exception: it answers no request. Text in keys is ASCII, other bytes escaped as
 * {@code \xHH}, so keys can be logged.
 * <ul>
 * <li>ISO 8583 ({@code Iso8583Correlation}): {@code 020|11=000123|41=TERM0001}. The MTI class is the version and
 * class digits and the function digit made even (0 to 7; the reserved 8 and 9 stay), without the origin digit: a
 * request (0200), its repeat (0201) and its response (0210) share {@code 020}; an advice (0220), its repeat (0221)
 * and its response (0230) share {@code 022}; likewise 0100/0110, 0400/0410, 0420/0421/0430, 0800/0810. This is the
 * pairing jPOS's QMUX makes by default, written here from the standard. Field lengths come from the ISO 8583:1987
 * table for fields 2 to 128 (65, the extended bitmap, is one byte); only the fields up to the last one of the key
 * are read. A header before the MTI is skipped by its length ({@code iso8583HeaderBytes}).</li>
 * <li>HL7 v2 ({@code Hl7Correlation}): a request's MSH-10, a reply's MSA-2, with the separators the message's own
 * MSH declares; segments end with CR, LF or CRLF. An id longer than 199 bytes, the most HL7 allows, is no key.</li>
 * <li>Byte range, regular expression: above.</li>
 * </ul>
 *
 * <h2>How the adapter sees the application's class</h2>
 * The server creates the factory with the adapter's class loader, and a resource adapter's classes cannot see the
 * classes of the applications that use it (the Connectors specification's packaging chapter makes a standalone
 * adapter's classes visible to applications; nothing makes an application's classes visible to the adapter). What
 * can see the class is the thread context class loader of a bean of the application that holds it, so
 * {@link io.github.tcpadapter.correlation.ApplicationCorrelation} loads the class on the first request's thread, trying
 * that loader first, then the adapter's own (for a class packaged with the adapter), and keeps the instance for the
 * factory's life; replies, read on I/O threads, use that instance. A failure is a {@code ResourceException} to that
 * caller naming {@code correlationClass} and the class, and the next request tries again. What follows for each
 * server:
 * <ul>
 * <li>Known from the platform's rules, not yet tested here on a server: while a bean runs, its thread's context
 * class loader is its module's, so a class in the calling module (EJB jar, WAR) is found when a bean of that module
 * makes the first request. A bean of another module or application that cannot see the class gets the error for its
 * own request only, and a later caller that sees it loads it.</li>
 * <li>Known (Jakarta EE platform specification, bundled libraries, section 8.2.1): the jars in an EAR's {@code lib/}
 * are visible to every module of that EAR, an embedded RAR included, so such a class is found from any of the EAR's
 * beans, and by the adapter's own loader. WildFly documents this for its subdeployments. On Payara, the RAR's
 * classes and the EAR's {@code lib/} are loaded together (CDI discovery in {@code lib/} loads the RAR's classes, see
 * README's Servers table); that the RAR sees {@code lib/} follows from the platform rule, not tested with a
 * correlation class.</li>
 * <li>Guess, not tested: a standalone RAR (deployed on its own) on Payara is loaded by the connector class loader,
 * on WildFly by its own module; neither sees any application, so only the context class loader finds the class. On
 * WildFly, an embedded RAR may also see the EAR's EJB jars (subdeployments are not isolated by default), not its
 * WARs.</li>
 * <li>The class must implement the adapter's own {@code TcpCorrelation}: an application that packages the api jar
 * itself (instead of {@code provided}) has a second copy of the interface, which the error message names.</li>
 * <li>A factory kept across redeployments of the application (one the server defines, not one the application
 * declares) keeps the first instance and its class loader; define the factory in the application
 * ({@code @ConnectionFactoryDefinition}) so the class goes with it. Its methods run on I/O threads whose context
 * class loader is not the application's: they must not depend on it.</li>
 * </ul>
 */
package io.github.tcpadapter.correlation;
