package io.github.tcpadapter.config;

import io.github.tcpadapter.framing.ByteSequences;
import io.github.tcpadapter.framing.DelimiterFraming;
import io.github.tcpadapter.framing.FixedLengthFraming;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingFormat;
import io.github.tcpadapter.framing.LengthHeaderEncoding;
import io.github.tcpadapter.framing.LengthPrefixFraming;
import io.github.tcpadapter.framing.LineFraming;
import io.github.tcpadapter.framing.RawFraming;
import io.github.tcpadapter.framing.StartEndFraming;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The wire-format properties shared by the outbound connection factory and the inbound activation spec, so that
 * both directions are configured with the same names, defaults and checks.
 *
 * <p>Not abstract, though only its subclasses are used: the server instantiates the class that declares a
 * {@code @ConfigProperty} without a {@code defaultValue} to read the field's initial value, and logs a warning
 * per property and deployment when it cannot.
 *
 * <p>Serializable: the outbound connection factory is, and a non-serializable superclass would come back from
 * serialization with its defaults instead of the configured framing.
 */
public class FramingProperties implements Serializable {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "LINE", description = "Wire format: LINE, CRLF, DELIMITER, STX_ETX, MLLP, "
            + "LENGTH_PREFIXED, FIXED or RAW.")
    private String framing = FramingFormat.LINE.name();

    @ConfigProperty(defaultValue = "65536",
            description = "Longest frame sent or accepted, in bytes, framing bytes excluded.")
    private Integer maxFrameLength = 65_536;

    @ConfigProperty(description = "DELIMITER framing: the bytes that end a frame, as text with escapes "
            + "(\\0, \\r, \\n, \\t, \\\\, \\xNN) or as hex (0x1F, 0x0D0A).")
    private String delimiter;

    @ConfigProperty(defaultValue = "0x02", description = "STX_ETX framing: the bytes that start a frame, as text "
            + "with escapes or as hex, like delimiter.")
    private String startBytes = "0x02";

    @ConfigProperty(defaultValue = "0x03", description = "STX_ETX framing: the bytes that end a frame, as text "
            + "with escapes or as hex, like delimiter.")
    private String endBytes = "0x03";

    @ConfigProperty(defaultValue = "4", description = "LENGTH_PREFIXED framing: header size, 1, 2 or 4 bytes.")
    private Integer lengthHeaderBytes = 4;

    @ConfigProperty(defaultValue = "BINARY", description = "LENGTH_PREFIXED framing: BINARY (big-endian "
            + "unsigned) or ASCII (zero-padded decimal digits).")
    private String lengthHeaderEncoding = "BINARY";

    @ConfigProperty(defaultValue = "false",
            description = "LENGTH_PREFIXED framing: whether the length counts the header too.")
    private Boolean lengthIncludesHeader = false;

    @ConfigProperty(description = "FIXED framing: the length of every frame, in bytes, "
            + "1 to maxFrameLength. Required for FIXED.")
    private Integer fixedLength;

    @ConfigProperty(defaultValue = "false", description = "RAW framing: a frame is everything until the peer "
            + "closes, instead of what one read returns.")
    private Boolean rawUntilClose = false;

    @ConfigProperty(defaultValue = "UTF-8", description = "Charset of text payloads.")
    private String charset = "UTF-8";

    /**
     * Checks the framing properties the configured format uses (the others are ignored) and builds the format.
     *
     * @return the configured wire format
     * @throws InvalidPropertyException naming the first framing property with a bad value
     */
    public Framing framing() throws InvalidPropertyException {
        int max = PropertyCheck.between("maxFrameLength", maxFrameLength, 1, Framing.MAX_FRAME_LENGTH_LIMIT);
        return switch (PropertyCheck.oneOf("framing", framing, FramingFormat.class)) {
            case LINE -> new LineFraming(max);
            case CRLF -> DelimiterFraming.crlf(max);
            case DELIMITER -> new DelimiterFraming(byteSequence("delimiter", delimiter), max);
            case STX_ETX -> new StartEndFraming(byteSequence("startBytes", startBytes),
                    byteSequence("endBytes", endBytes), max);
            case MLLP -> StartEndFraming.mllp(max);
            case LENGTH_PREFIXED -> new LengthPrefixFraming(headerBytes(),
                    PropertyCheck.oneOf("lengthHeaderEncoding", lengthHeaderEncoding, LengthHeaderEncoding.class),
                    flag("lengthIncludesHeader", lengthIncludesHeader), max);
            case FIXED -> new FixedLengthFraming(PropertyCheck.between("fixedLength", fixedLength, 1, max));
            case RAW -> new RawFraming(max, flag("rawUntilClose", rawUntilClose));
        };
    }

    /**
     * @return the charset of text payloads
     * @throws InvalidPropertyException if the charset is unknown to this JVM
     */
    public Charset charset() throws InvalidPropertyException {
        String name = PropertyCheck.notBlank("charset", charset);
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw PropertyCheck.invalid("charset", charset, "is not a charset this JVM supports");
        }
    }

    private static byte[] byteSequence(String property, String value) throws InvalidPropertyException {
        try {
            return ByteSequences.parse(value);
        } catch (IllegalArgumentException e) {
            throw PropertyCheck.invalid(property, value, e.getMessage());
        }
    }

    private int headerBytes() throws InvalidPropertyException {
        if (lengthHeaderBytes == null || !List.of(1, 2, 4).contains(lengthHeaderBytes)) {
            throw PropertyCheck.invalid("lengthHeaderBytes", lengthHeaderBytes, "must be 1, 2 or 4");
        }
        return lengthHeaderBytes;
    }

    private static boolean flag(String property, Boolean value) throws InvalidPropertyException {
        if (value == null) {
            throw PropertyCheck.invalid(property, null, "is required");
        }
        return value;
    }

    /** @return the framing properties' values now, for the subclasses' {@code equals} and {@code hashCode} */
    protected final List<Object> framingValues() {
        return Arrays.asList(framing, maxFrameLength, delimiter, startBytes, endBytes, lengthHeaderBytes,
            lengthHeaderEncoding, lengthIncludesHeader, fixedLength, rawUntilClose, charset);
    }

    public String getFraming() {
        return framing;
    }

    public void setFraming(String framing) {
        this.framing = framing;
    }

    public Integer getMaxFrameLength() {
        return maxFrameLength;
    }

    public void setMaxFrameLength(Integer maxFrameLength) {
        this.maxFrameLength = maxFrameLength;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public String getStartBytes() {
        return startBytes;
    }

    public void setStartBytes(String startBytes) {
        this.startBytes = startBytes;
    }

    public String getEndBytes() {
        return endBytes;
    }

    public void setEndBytes(String endBytes) {
        this.endBytes = endBytes;
    }

    public Integer getLengthHeaderBytes() {
        return lengthHeaderBytes;
    }

    public void setLengthHeaderBytes(Integer lengthHeaderBytes) {
        this.lengthHeaderBytes = lengthHeaderBytes;
    }

    public String getLengthHeaderEncoding() {
        return lengthHeaderEncoding;
    }

    public void setLengthHeaderEncoding(String lengthHeaderEncoding) {
        this.lengthHeaderEncoding = lengthHeaderEncoding;
    }

    public Boolean getLengthIncludesHeader() {
        return lengthIncludesHeader;
    }

    public void setLengthIncludesHeader(Boolean lengthIncludesHeader) {
        this.lengthIncludesHeader = lengthIncludesHeader;
    }

    public Integer getFixedLength() {
        return fixedLength;
    }

    public void setFixedLength(Integer fixedLength) {
        this.fixedLength = fixedLength;
    }

    public Boolean getRawUntilClose() {
        return rawUntilClose;
    }

    public void setRawUntilClose(Boolean rawUntilClose) {
        this.rawUntilClose = rawUntilClose;
    }

    public String getCharset() {
        return charset;
    }

    public void setCharset(String charset) {
        this.charset = charset;
    }
}
