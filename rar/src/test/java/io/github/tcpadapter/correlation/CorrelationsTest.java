package io.github.tcpadapter.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpCorrelation;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationsTest {

    /** The properties as a factory holds them before any is set. */
    private static CorrelationSettings defaults(String correlation) {
        return new CorrelationSettings(correlation, CorrelationSettings.DEFAULT_FIELDS,
                CorrelationSettings.DEFAULT_HEADER_BYTES, CorrelationSettings.DEFAULT_BITMAP,
                CorrelationSettings.DEFAULT_ENCODING, null, null, null, null, StandardCharsets.UTF_8);
    }

    @Test
    void noneAndInOrderHaveNoKeyFunction() throws Exception {
        assertThat(Correlations.of(defaults(CorrelationSettings.DEFAULT_CORRELATION))).isEmpty();
        assertThat(Correlations.mode(defaults("in_order"))).isEqualTo(CorrelationMode.IN_ORDER);
        assertThat(Correlations.of(defaults("IN_ORDER"))).isEmpty();
    }

    @Test
    void eachModeMakesItsKeyFunction() throws Exception {
        assertThat(Correlations.of(defaults("iso8583"))).containsInstanceOf(Iso8583Correlation.class);
        assertThat(Correlations.of(defaults("HL7"))).containsInstanceOf(Hl7Correlation.class);
        assertThat(Correlations.of(with(defaults("BYTES"), "correlationBytes", " 4, 6 ")))
                .containsInstanceOf(ByteRangeCorrelation.class);
        assertThat(Correlations.of(with(defaults("REGEX"), "correlationPattern", "id=(\\d+)")))
                .containsInstanceOf(RegexCorrelation.class);
        assertThat(Correlations.of(with(defaults("CLASS"), "correlationClass", "com.example.Key$Inner")))
                .containsInstanceOf(ApplicationCorrelation.class);
    }

    @Test
    void theConfiguredIsoFieldsAndEncodingsAreUsed() throws Exception {
        CorrelationSettings settings = new CorrelationSettings("ISO8583", "41, 11,11,3", 0, "HEX", "ascii", null, null,
                null, null, StandardCharsets.UTF_8);
        TcpCorrelation correlation = Correlations.of(settings).orElseThrow();

        byte[] request = Iso8583CorrelationTest.purchase("0200", "000001", "T1234567").hex();
        assertThat(correlation.requestKey(request)).contains("020|3=000000|11=000001|41=T1234567");
    }

    @Test
    void aReplyPatternOfItsOwnIsUsedForReplies() throws Exception {
        CorrelationSettings settings = new CorrelationSettings("REGEX", null, null, null, null, null, "^Q(\\d+)",
                "^A(\\d+)", null, null);
        TcpCorrelation correlation = Correlations.of(settings).orElseThrow();

        assertThat(correlation.requestKey("Q17".getBytes(StandardCharsets.UTF_8))).contains("17");
        assertThat(correlation.replyKey("A17".getBytes(StandardCharsets.UTF_8))).contains("17");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "correlation; PAIRED; must be one of [NONE, IN_ORDER, ISO8583, HL7, BYTES, REGEX, CLASS]",
        "correlationFields; 11,1; must list ISO 8583 field numbers from 2 to 128, but not 65 (a bitmap), separated "
            + "by commas",
        "correlationFields; 11,65; must list ISO 8583 field numbers",
        "correlationFields; 11,129; must list ISO 8583 field numbers",
        "correlationFields; 11,,41; must list ISO 8583 field numbers",
        "correlationFields; STAN; must list ISO 8583 field numbers",
        "iso8583Bitmap; ASCII; must be one of [BINARY, HEX]",
        "iso8583Encoding; EBCDIC; must be one of [ASCII, BCD]",
        "correlationBytes; 4; must be offset,length: an offset of 0 or more and a length from 1 to 1024",
        "correlationBytes; -1,4; must be offset,length",
        "correlationBytes; 0,0; must be offset,length",
        "correlationBytes; 0,1025; must be offset,length",
        "correlationBytes; a,b; must be offset,length",
        "correlationPattern; id=\\d+; needs a capturing group: the first one is the key",
        "correlationPattern; id=(\\d+; is not a regular expression: Unclosed group near index 7",
        "correlationReplyPattern; (?:x); needs a capturing group",
        "correlationClass; com.example.; is not a class name",
        "correlationClass; 1st.Key; is not a class name"})
    void badValuesAreRefusedNamingThePropertyAndTheValue(String property, String value, String rule) {
        CorrelationSettings settings = with(defaults(modeFor(property)), property, value);

        assertThatThrownBy(() -> Correlations.of(settings))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith("Invalid configuration property " + property + " ('" + value + "'): " + rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"correlationBytes", "correlationPattern", "correlationClass", "correlation"})
    void aMissingValueIsNamed(String property) {
        CorrelationSettings settings = with(defaults(modeFor(property)), property, null);

        assertThatThrownBy(() -> Correlations.of(settings)).isInstanceOf(InvalidPropertyException.class)
                .hasMessage("Invalid configuration property " + property + " (not set): must not be empty");
    }

    @Test
    void theIsoHeaderLengthIsChecked() {
        for (Integer bad : new Integer[] {-1, 1025, null}) {
            CorrelationSettings settings = new CorrelationSettings("ISO8583", "11,41", bad, "BINARY", "ASCII", null,
                    null, null, null, null);

            assertThatThrownBy(() -> Correlations.of(settings)).isInstanceOf(InvalidPropertyException.class)
                    .hasMessage("Invalid configuration property iso8583HeaderBytes ("
                            + (bad == null ? "not set): is required" : "'" + bad + "'): must be between 0 and 1024"));
        }
    }

    @Test
    void propertiesOfAnotherModeAreNotChecked() throws Exception {
        CorrelationSettings settings = new CorrelationSettings("HL7", "nonsense", -1, "nonsense", "nonsense", "x", "(",
                "(", "1", null);

        assertThat(Correlations.of(settings)).containsInstanceOf(Hl7Correlation.class);
    }

    private static String modeFor(String property) {
        return switch (property) {
            case "correlationFields", "iso8583Bitmap", "iso8583Encoding" -> "ISO8583";
            case "correlationBytes" -> "BYTES";
            case "correlationPattern" -> "REGEX";
            case "correlationReplyPattern" -> "REGEX";
            case "correlationClass" -> "CLASS";
            default -> "NONE";
        };
    }

    private static CorrelationSettings with(CorrelationSettings s, String property, String value) {
        String pattern = property.equals("correlationReplyPattern") ? "id=(\\d+)" : s.correlationPattern();
        return new CorrelationSettings(
                property.equals("correlation") ? value : s.correlation(),
                property.equals("correlationFields") ? value : s.correlationFields(),
                s.iso8583HeaderBytes(),
                property.equals("iso8583Bitmap") ? value : s.iso8583Bitmap(),
                property.equals("iso8583Encoding") ? value : s.iso8583Encoding(),
                property.equals("correlationBytes") ? value : s.correlationBytes(),
                property.equals("correlationPattern") ? value : pattern,
                property.equals("correlationReplyPattern") ? value : s.correlationReplyPattern(),
                property.equals("correlationClass") ? value : s.correlationClass(),
                s.charset());
    }
}
