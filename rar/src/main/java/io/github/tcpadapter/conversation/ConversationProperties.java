package io.github.tcpadapter.conversation;

import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.config.PropertyCheck;
import io.github.tcpadapter.correlation.CorrelationSettings;
import io.github.tcpadapter.correlation.Correlations;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.tls.TlsProperties;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The properties of conversations on connections kept open, shared by the outbound connection factory (its
 * multiplexed sockets) and the inbound activation spec (a listener's connections, a client-mode listener's link):
 * how {@code requestAsync} pairs replies with requests, and heartbeats. On top of the TLS and framing properties:
 * a chain for the reason the {@code config} package gives.
 */
public class ConversationProperties extends TlsProperties {

    private static final long serialVersionUID = 1L;
    /** The {@code correlation} of no {@code requestAsync}. */
    protected static final String NONE = "NONE";
    /** The {@code correlation} of a peer that answers in request order. */
    protected static final String IN_ORDER = "IN_ORDER";
    private static final int MAX_IN_FLIGHT = 65_536;

    @ConfigProperty(defaultValue = "NONE", description = "How requestAsync pairs replies with its requests: NONE "
            + "(no requestAsync; a factory works in pooled synchronous mode, one request per socket at a time), "
            + "IN_ORDER (the peer answers in request order: pipelining), or a key kind: ISO8583, HL7, BYTES, REGEX, "
            + "CLASS.")
    private String correlation = NONE;

    @ConfigProperty(defaultValue = "64", description = "With correlation other than NONE: how many requests may "
            + "wait for their reply on one socket (each shared socket of a factory, each connection of a listener); "
            + "beyond it requestAsync fails at once.")
    private Integer maxInFlight = 64;

    @ConfigProperty(defaultValue = CorrelationSettings.DEFAULT_FIELDS, description = "With correlation=ISO8583: "
            + "the fields of the key besides the MTI class, comma-separated.")
    private String correlationFields = CorrelationSettings.DEFAULT_FIELDS;

    @ConfigProperty(defaultValue = "0", description = "With correlation=ISO8583: how many header bytes (a TPDU, "
            + "for example) come before the MTI.")
    private Integer iso8583HeaderBytes = CorrelationSettings.DEFAULT_HEADER_BYTES;

    @ConfigProperty(defaultValue = CorrelationSettings.DEFAULT_BITMAP, description = "With correlation=ISO8583: "
            + "BINARY (8 bytes per bitmap) or HEX (16 hexadecimal characters).")
    private String iso8583Bitmap = CorrelationSettings.DEFAULT_BITMAP;

    @ConfigProperty(defaultValue = CorrelationSettings.DEFAULT_ENCODING, description = "With correlation=ISO8583: "
            + "how the MTI, numeric fields and length prefixes are written: ASCII or BCD.")
    private String iso8583Encoding = CorrelationSettings.DEFAULT_ENCODING;

    @ConfigProperty(description = "With correlation=BYTES: offset,length of the key in requests and replies.")
    private String correlationBytes;

    @ConfigProperty(description = "With correlation=REGEX: a regular expression whose first group is the key.")
    private String correlationPattern;

    @ConfigProperty(description = "With correlation=REGEX: the expression for replies, if not correlationPattern.")
    private String correlationReplyPattern;

    @ConfigProperty(description = "With correlation=CLASS: the application's class implementing "
            + "io.github.tcpadapter.api.TcpCorrelation, with a public no-argument constructor.")
    private String correlationClass;

    @ConfigProperty(defaultValue = "0", description = "On a link kept open (a client-mode listener's, a multiplexed "
            + "factory's sockets): after this many milliseconds with nothing read or written, it sends "
            + "heartbeatFrame, so that firewalls keep it; 0 sends none.")
    private Integer heartbeatIntervalMillis = 0;

    @ConfigProperty(description = "With heartbeatIntervalMillis: the heartbeat's payload, framed like any frame, as "
            + "text with escapes (\\\\r, \\\\xNN) or as 0x hex (0x0800...).")
    private String heartbeatFrame;

    @ConfigProperty(defaultValue = "0", description = "With heartbeatIntervalMillis: how long the heartbeat's answer "
            + "may take, else the link is closed and reconnects; 0 awaits none.")
    private Integer heartbeatReplyTimeoutMillis = 0;

    /**
     * @param framing the link's framing
     * @return the checked heartbeat, or {@code null} for none
     * @throws InvalidPropertyException naming the heartbeat property whose value is bad
     */
    protected final Heartbeat heartbeat(Framing framing) throws InvalidPropertyException {
        return Heartbeat.of(heartbeatIntervalMillis, heartbeatFrame, heartbeatReplyTimeoutMillis, framing);
    }

    /**
     * @return the key kind's settings, as the properties say
     * @throws InvalidPropertyException if {@code charset} is not one this JVM knows
     */
    protected final CorrelationSettings correlationSettings() throws InvalidPropertyException {
        return new CorrelationSettings(correlation, correlationFields, iso8583HeaderBytes, iso8583Bitmap,
                iso8583Encoding, correlationBytes, correlationPattern, correlationReplyPattern, correlationClass,
                charset());
    }

    /** @return {@code correlation}, upper case: NONE, IN_ORDER or a key kind, checked by {@link #keys} */
    protected final String correlationKind() throws InvalidPropertyException {
        return PropertyCheck.notBlank("correlation", correlation).trim().toUpperCase(Locale.ROOT);
    }

    /** @return {@code maxInFlight}, checked */
    protected final int maxInFlightChoice() throws InvalidPropertyException {
        return PropertyCheck.between("maxInFlight", maxInFlight, 1, MAX_IN_FLIGHT);
    }

    /**
     * @param kind the {@link #correlationKind()}, not NONE
     * @param kinds the key kinds by name, for tests; {@code null} for the built-in ones ({@link Correlations})
     * @return how replies are paired by key; empty in order
     * @throws InvalidPropertyException naming the property of the key kind that is missing or bad
     */
    protected final Optional<TcpCorrelation> keys(String kind, Function<String, Optional<TcpCorrelation>> kinds)
            throws InvalidPropertyException {
        if (kind.equals(IN_ORDER)) {
            return Optional.empty();
        }
        Optional<TcpCorrelation> keys = kinds == null ? Correlations.of(correlationSettings()) : kinds.apply(kind);
        return Optional.of(keys.orElseThrow(() -> PropertyCheck.invalid("correlation", correlation,
                "is not NONE, IN_ORDER or a known key kind")));
    }

    /**
     * @throws InvalidPropertyException naming heartbeatFrame if, by key, a heartbeat whose answer is awaited carries
     *     no key the correlation reads: its answer could not be told from the others
     */
    protected final void checkHeartbeatKey(Heartbeat heartbeat, Optional<TcpCorrelation> keys, String kind)
            throws InvalidPropertyException {
        if (heartbeat == null || heartbeat.replyTimeoutMillis() == 0 || keys.isEmpty()) {
            return;
        }
        Optional<String> key;
        try {
            key = keys.get().requestKey(heartbeat.payload());
        } catch (RuntimeException e) {
            key = Optional.empty();
        }
        if (key.isEmpty()) {
            throw PropertyCheck.invalid("heartbeatFrame", heartbeatFrame, "carries no key the correlation (" + kind
                    + ") reads, so its answer could not be told from the others");
        }
    }

    /** @return every conversation property's value: part of the owner's equality */
    protected final List<Object> conversationValues() {
        return Arrays.asList(correlation, maxInFlight, correlationFields, iso8583HeaderBytes, iso8583Bitmap,
                iso8583Encoding, correlationBytes, correlationPattern, correlationReplyPattern, correlationClass,
                heartbeatIntervalMillis, heartbeatFrame, heartbeatReplyTimeoutMillis);
    }

    public String getCorrelation() {
        return correlation;
    }

    public void setCorrelation(String correlation) {
        this.correlation = correlation;
    }

    public Integer getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(Integer maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public String getCorrelationFields() {
        return correlationFields;
    }

    public void setCorrelationFields(String correlationFields) {
        this.correlationFields = correlationFields;
    }

    public Integer getIso8583HeaderBytes() {
        return iso8583HeaderBytes;
    }

    public void setIso8583HeaderBytes(Integer iso8583HeaderBytes) {
        this.iso8583HeaderBytes = iso8583HeaderBytes;
    }

    public String getIso8583Bitmap() {
        return iso8583Bitmap;
    }

    public void setIso8583Bitmap(String iso8583Bitmap) {
        this.iso8583Bitmap = iso8583Bitmap;
    }

    public String getIso8583Encoding() {
        return iso8583Encoding;
    }

    public void setIso8583Encoding(String iso8583Encoding) {
        this.iso8583Encoding = iso8583Encoding;
    }

    public String getCorrelationBytes() {
        return correlationBytes;
    }

    public void setCorrelationBytes(String correlationBytes) {
        this.correlationBytes = correlationBytes;
    }

    public String getCorrelationPattern() {
        return correlationPattern;
    }

    public void setCorrelationPattern(String correlationPattern) {
        this.correlationPattern = correlationPattern;
    }

    public String getCorrelationReplyPattern() {
        return correlationReplyPattern;
    }

    public void setCorrelationReplyPattern(String correlationReplyPattern) {
        this.correlationReplyPattern = correlationReplyPattern;
    }

    public String getCorrelationClass() {
        return correlationClass;
    }

    public void setCorrelationClass(String correlationClass) {
        this.correlationClass = correlationClass;
    }

    public Integer getHeartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    public void setHeartbeatIntervalMillis(Integer heartbeatIntervalMillis) {
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
    }

    public String getHeartbeatFrame() {
        return heartbeatFrame;
    }

    public void setHeartbeatFrame(String heartbeatFrame) {
        this.heartbeatFrame = heartbeatFrame;
    }

    public Integer getHeartbeatReplyTimeoutMillis() {
        return heartbeatReplyTimeoutMillis;
    }

    public void setHeartbeatReplyTimeoutMillis(Integer heartbeatReplyTimeoutMillis) {
        this.heartbeatReplyTimeoutMillis = heartbeatReplyTimeoutMillis;
    }
}
