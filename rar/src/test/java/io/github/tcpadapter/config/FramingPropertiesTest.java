package io.github.tcpadapter.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.framing.DelimiterFraming;
import io.github.tcpadapter.framing.FixedLengthFraming;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.framing.LengthPrefixFraming;
import io.github.tcpadapter.framing.LineFraming;
import io.github.tcpadapter.framing.RawFraming;
import io.github.tcpadapter.framing.StartEndFraming;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every format is built from the properties; bad values fail naming the property and the value. */
class FramingPropertiesTest {

    private static final byte[] HELLO = "hello".getBytes(UTF_8);

    /** How each invalid case of {@link #invalidValuesFailNamingThePropertyAndTheValue} is configured. */
    private static final Map<String, Consumer<FramingProperties>> INVALID = Map.ofEntries(
            entry("unknown framing", p -> p.setFraming("XML")),
            entry("empty framing", p -> p.setFraming(" ")),
            entry("zero maxFrameLength", p -> p.setMaxFrameLength(0)),
            entry("negative maxFrameLength", p -> p.setMaxFrameLength(-1)),
            entry("3-byte header", lengthPrefixed(p -> p.setLengthHeaderBytes(3))),
            entry("missing header size", lengthPrefixed(p -> p.setLengthHeaderBytes(null))),
            entry("unknown encoding", lengthPrefixed(p -> p.setLengthHeaderEncoding("EBCDIC"))),
            entry("missing inclusion", lengthPrefixed(p -> p.setLengthIncludesHeader(null))),
            entry("missing delimiter", p -> p.setFraming("DELIMITER")),
            entry("empty delimiter", delimited(p -> p.setDelimiter(""))),
            entry("malformed delimiter", delimited(p -> p.setDelimiter("\\q"))),
            entry("malformed startBytes", stxEtx(p -> p.setStartBytes("0x0"))),
            entry("empty endBytes", stxEtx(p -> p.setEndBytes(""))),
            entry("missing fixedLength", fixed(null)),
            entry("zero fixedLength", fixed(0)),
            entry("fixedLength over max", fixed(101)),
            entry("missing rawUntilClose", p -> {
                p.setFraming("RAW");
                p.setRawUntilClose(null);
            }));

    @Test
    void defaultIsLineFramingOf64KiB() throws Exception {
        Framing framing = configured(p -> { }).framing();
        assertThat(framing).isInstanceOf(LineFraming.class);
        assertThat(framing.encode(new byte[65_536])).hasSize(65_537);
        assertThatThrownBy(() -> framing.encode(new byte[65_537])).isInstanceOf(FramingException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "line;          68656C6C6F0A",
        "CRLF;          68656C6C6F0D0A",
        "DELIMITER;     68656C6C6F00",
        "STX_ETX;       0268656C6C6F03",
        "MLLP;          0B68656C6C6F1C0D",
        "LENGTH_PREFIXED; 0000000568656C6C6F",
        "FIXED;         68656C6C6F",
        "RAW;           68656C6C6F"})
    void everyFormatIsBuiltWithItsDefaults(String format, String wireHex) throws Exception {
        FramingProperties properties = configured(p -> {
            p.setFraming(format);
            p.setDelimiter("\\0");
            p.setFixedLength(5);
        });
        assertThat(hex(properties.framing().encode(HELLO))).isEqualTo(wireHex);
    }

    @Test
    void formatPropertiesReachTheFormat() throws Exception {
        assertThat(encodedHello(p -> {
            p.setFraming("DELIMITER");
            p.setDelimiter("0x0D0A0D0A");
        })).isEqualTo("68656C6C6F0D0A0D0A");
        assertThat(encodedHello(p -> {
            p.setFraming("STX_ETX");
            p.setStartBytes("<\\x02");
            p.setEndBytes("\\x03>");
        })).isEqualTo("3C0268656C6C6F033E");
        assertThat(encodedHello(p -> {
            p.setFraming("LENGTH_PREFIXED");
            p.setLengthHeaderBytes(2);
            p.setLengthHeaderEncoding("ascii");
            p.setLengthIncludesHeader(true);
        })).isEqualTo("303768656C6C6F");
        assertThat(encodedHello(p -> {
            p.setFraming("LENGTH_PREFIXED");
            p.setLengthHeaderBytes(1);
        })).isEqualTo("0568656C6C6F");
    }

    @Test
    void builtFormatsAreTheRightClasses() throws Exception {
        assertThat(framing(p -> p.setFraming("CRLF"))).isInstanceOf(DelimiterFraming.class);
        assertThat(framing(p -> p.setFraming("MLLP"))).isInstanceOf(StartEndFraming.class);
        assertThat(framing(p -> p.setFraming("LENGTH_PREFIXED"))).isInstanceOf(LengthPrefixFraming.class);
        assertThat(framing(p -> {
            p.setFraming("FIXED");
            p.setFixedLength(1);
        })).isInstanceOf(FixedLengthFraming.class);
    }

    @Test
    void rawUntilCloseReachesTheDecoder() throws Exception {
        Framing raw = framing(p -> {
            p.setFraming("RAW");
            p.setRawUntilClose(true);
        });
        assertThat(raw).isInstanceOf(RawFraming.class);
        assertThat(raw.newDecoder().decode(ByteBuffer.wrap(HELLO))).as("waits for the close").isNull();
    }

    @Test
    void maxFrameLengthBoundsEveryFormat() throws Exception {
        Framing mllp = framing(p -> {
            p.setFraming("MLLP");
            p.setMaxFrameLength(4);
        });
        assertThatThrownBy(() -> mllp.encode(HELLO)).hasMessageContaining("exceeds maxFrameLength 4");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "unknown framing;"
            + " Invalid configuration property framing ('XML'): must be one of [LINE, CRLF, DELIMITER, STX_ETX, MLLP,"
            + " LENGTH_PREFIXED, FIXED, RAW]",
        "empty framing; Invalid configuration property framing (' '): must not be empty",
        "zero maxFrameLength; Invalid configuration property maxFrameLength ('0'): must be between 1 and 2147483631",
        "negative maxFrameLength; Invalid configuration property maxFrameLength ('-1'): must be between 1 and",
        "3-byte header; Invalid configuration property lengthHeaderBytes ('3'): must be 1, 2 or 4",
        "missing header size; Invalid configuration property lengthHeaderBytes (not set): must be 1, 2 or 4",
        "unknown encoding; Invalid configuration property lengthHeaderEncoding ('EBCDIC'): must be one of"
            + " [BINARY, ASCII]",
        "missing inclusion; Invalid configuration property lengthIncludesHeader (not set): is required",
        "missing delimiter; Invalid configuration property delimiter (not set): needs at least one byte",
        "empty delimiter; Invalid configuration property delimiter (''): needs at least one byte",
        "malformed delimiter; Invalid configuration property delimiter ('\\q'): unknown escape \\q at index 0",
        "malformed startBytes; Invalid configuration property startBytes ('0x0'): hex needs two digits per byte",
        "empty endBytes; Invalid configuration property endBytes (''): needs at least one byte",
        "missing fixedLength; Invalid configuration property fixedLength (not set): is required",
        "zero fixedLength; Invalid configuration property fixedLength ('0'): must be between 1 and 100",
        "fixedLength over max; Invalid configuration property fixedLength ('101'): must be between 1 and 100",
        "missing rawUntilClose; Invalid configuration property rawUntilClose (not set): is required"})
    void invalidValuesFailNamingThePropertyAndTheValue(String problem, String message) {
        FramingProperties properties = configured(INVALID.get(problem));
        assertThatThrownBy(properties::framing)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith(message);
    }

    // the factory that extends these properties is Serializable: before they were, its framing came back reset
    @Test
    void everyPropertySurvivesSerialization() throws Exception {
        FramingProperties properties = configured(p -> {
            p.setFraming("LENGTH_PREFIXED");
            p.setMaxFrameLength(100);
            p.setDelimiter("\\0");
            p.setStartBytes("0x0B");
            p.setEndBytes("0x1C0D");
            p.setLengthHeaderBytes(2);
            p.setLengthHeaderEncoding("ASCII");
            p.setLengthIncludesHeader(true);
            p.setFixedLength(10);
            p.setRawUntilClose(true);
            p.setCharset("ISO-8859-1");
        });

        FramingProperties copy = roundTrip(properties);

        assertThat(copy).usingRecursiveComparison().isEqualTo(properties);
        assertThat(copy.framingValues()).isEqualTo(properties.framingValues());
        assertThat(copy.framingValues()).isNotEqualTo(new FramingProperties().framingValues());
    }

    @Test
    void propertiesOfOtherFormatsAreNotChecked() throws Exception {
        assertThat(framing(p -> {
            p.setDelimiter("\\q");
            p.setLengthHeaderBytes(3);
            p.setFixedLength(-1);
        })).isInstanceOf(LineFraming.class);
    }

    private static Consumer<FramingProperties> lengthPrefixed(Consumer<FramingProperties> change) {
        return withFraming("LENGTH_PREFIXED", change);
    }

    private static Consumer<FramingProperties> delimited(Consumer<FramingProperties> change) {
        return withFraming("DELIMITER", change);
    }

    private static Consumer<FramingProperties> stxEtx(Consumer<FramingProperties> change) {
        return withFraming("STX_ETX", change);
    }

    private static Consumer<FramingProperties> fixed(Integer fixedLength) {
        return withFraming("FIXED", p -> {
            p.setMaxFrameLength(100);
            p.setFixedLength(fixedLength);
        });
    }

    private static Consumer<FramingProperties> withFraming(String format, Consumer<FramingProperties> change) {
        return p -> {
            p.setFraming(format);
            change.accept(p);
        };
    }

    private static String encodedHello(Consumer<FramingProperties> settings) throws Exception {
        return hex(framing(settings).encode(HELLO));
    }

    private static Framing framing(Consumer<FramingProperties> settings) throws InvalidPropertyException {
        return configured(settings).framing();
    }

    private static FramingProperties configured(Consumer<FramingProperties> settings) {
        FramingProperties properties = new FramingProperties();
        settings.accept(properties);
        return properties;
    }

    private static FramingProperties roundTrip(FramingProperties properties) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(properties);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FramingProperties) in.readObject();
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02X", b));
        }
        return text.toString();
    }
}
