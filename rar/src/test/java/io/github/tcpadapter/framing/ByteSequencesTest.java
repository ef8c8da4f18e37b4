package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSequencesTest {

    @Test
    void hex() {
        assertThat(ByteSequences.parse("0x1F")).isEqualTo(bytes(0x1F));
        assertThat(ByteSequences.parse("0x0B1c")).isEqualTo(bytes(0x0B, 0x1C));
        assertThat(ByteSequences.parse("0XfF00")).isEqualTo(bytes(0xFF, 0x00));
    }

    @Test
    void textWithEscapes() {
        assertThat(ByteSequences.parse("\\0")).isEqualTo(bytes(0));
        assertThat(ByteSequences.parse("\\r\\n")).isEqualTo(bytes("\r\n"));
        assertThat(ByteSequences.parse("a\\tb\\\\")).isEqualTo(bytes("a\tb\\"));
        assertThat(ByteSequences.parse("END\\x00\\xfe")).isEqualTo(bytes('E', 'N', 'D', 0, 0xFE));
        assertThat(ByteSequences.parse("|")).isEqualTo(bytes("|"));
        assertThat(ByteSequences.parse(" ")).as("a space is a byte too").isEqualTo(bytes(" "));
    }

    @ParameterizedTest(name = "''{0}'': {1}")
    @CsvSource(delimiter = ';', value = {
        "'';needs at least one byte",
        "0x;two digits per byte",
        "0x1;two digits per byte",
        "0x1G;'1G' at index 2 is not a hex byte",
        "ab\\;lone backslash",
        "\\q;unknown escape \\q at index 0",
        "a\\x4;\\x at index 1 needs two hex digits",
        "\\xZ1;'Z1' at index 2 is not a hex byte",
        "é;non-ASCII character 'é' at index 0"})
    void malformedValuesSayWhy(String text, String reason) {
        assertThatThrownBy(() -> ByteSequences.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void nullIsEmpty() {
        assertThatThrownBy(() -> ByteSequences.parse(null)).hasMessageContaining("needs at least one byte");
    }

    @Test
    void hexOfBytes() {
        assertThat(ByteSequences.hex(bytes(0x1C, 0x0D, 0xFF, 0x00))).isEqualTo("0x1C0DFF00");
    }
}
