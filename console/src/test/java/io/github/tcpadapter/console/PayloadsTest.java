package io.github.tcpadapter.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void textTakesByteEscapesAndBrackets() {
        assertThat(Payloads.parse("text", "MSH|^~[0D][0a]")).containsExactly(bytes("MSH|^~\r\n"));
        assertThat(Payloads.parse("text", "[0B]x[1C][0D]")).containsExactly(0x0B, 'x', 0x1C, 0x0D);
        assertThat(Payloads.parse("text", "[[0D] and [[")).containsExactly(bytes("[0D] and ["));
        assertThat(Payloads.parse("text", "grüß")).containsExactly(bytes("grüß"));
        assertThat(Payloads.parse("text", "")).isEmpty();
    }

    @Test
    void textRefusesABracketThatStartsNoEscape() {
        for (String bad : new String[] {"a[0G]", "a[0D", "[", "x[123]"}) {
            assertThatThrownBy(() -> Payloads.parse("text", bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("position").hasMessageContaining("[[");
        }
    }

    @Test
    void hexTakesPairsWithOrWithoutSpaces() {
        assertThat(Payloads.parse("hex", "48 65 6c 6C 6f")).containsExactly(bytes("Hello"));
        assertThat(Payloads.parse("hex", "0d0a")).containsExactly(13, 10);
        assertThat(Payloads.parse("hex", " ")).isEmpty();
        assertThatThrownBy(() -> Payloads.parse("hex", "48 6")).hasMessageContaining("two digits per byte");
        assertThatThrownBy(() -> Payloads.parse("hex", "48 zz")).hasMessageContaining("'z' at position 4");
    }

    @Test
    void refusesAnUnknownModeAndNoData() {
        assertThatThrownBy(() -> Payloads.parse("base64", "AA==")).hasMessageContaining("'base64'");
        assertThatThrownBy(() -> Payloads.parse("text", null)).hasMessageContaining("No data");
    }

    @Test
    void showsPrintableUtf8AsTextAndEveryOtherByteEscaped() {
        assertThat(Payloads.text(bytes("ok: hi\r\n"))).isEqualTo("ok: hi[0D][0A]");
        assertThat(Payloads.text(bytes("grüß €"))).isEqualTo("grüß €");
        assertThat(Payloads.text(new byte[] {(byte) 0xC3, 'a', (byte) 0xFF, 0, '['})).isEqualTo("[C3]a[FF][00][[");
        assertThat(Payloads.text(new byte[] {(byte) 0xE2, (byte) 0x82})).isEqualTo("[E2][82]");
        assertThat(Payloads.text(new byte[] {(byte) 0xC0, (byte) 0x80})).isEqualTo("[C0][80]"); // overlong
        assertThat(Payloads.text(new byte[] {(byte) 0xC2, (byte) 0x85})).isEqualTo("[C2][85]"); // a control
        assertThat(Payloads.hex(bytes("Hi\r"))).isEqualTo("48 69 0d");
    }

    @Test
    void whatIsShownParsesBackToTheSameBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(Payloads.fromText(Payloads.text(all))).containsExactly(all);
        assertThat(Payloads.fromHex(Payloads.hex(all))).containsExactly(all);
        byte[] text = bytes("Zürich [x] ✓ 𝄞\u0000");
        assertThat(Payloads.fromText(Payloads.text(text))).containsExactly(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
