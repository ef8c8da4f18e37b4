package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.assertEverySplitDecodes;
import static io.github.tcpadapter.framing.Decoding.bytes;
import static io.github.tcpadapter.framing.Decoding.decodeAll;
import static io.github.tcpadapter.framing.Decoding.decodeStream;
import static io.github.tcpadapter.framing.Decoding.encodeAll;
import static io.github.tcpadapter.framing.Decoding.repeat;
import static io.github.tcpadapter.framing.Decoding.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRLF and DELIMITER formats (LINE has {@link LineFramingTest}). */
class DelimiterFramingTest {

    private static final int MAX = 8;

    private final DelimiterFraming crlf = DelimiterFraming.crlf(MAX);
    private final DelimiterFraming unitSeparator = new DelimiterFraming(bytes(0x1F), MAX);
    private final DelimiterFraming blankLine = new DelimiterFraming(bytes("\r\n\r\n"), MAX);

    @Test
    void wireBytes() throws Exception {
        assertThat(crlf.encode(bytes("hello"))).isEqualTo(bytes("hello\r\n"));
        assertThat(unitSeparator.encode(bytes("hello"))).isEqualTo(bytes('h', 'e', 'l', 'l', 'o', 0x1F));
        assertThat(blankLine.encode(bytes("a\r\nb"))).isEqualTo(bytes("a\r\nb\r\n\r\n"));
        assertThat(crlf.encode(new byte[0])).isEqualTo(bytes("\r\n"));
    }

    @Test
    void crlfKeepsLoneCrAndLfInsideThePayload() throws Exception {
        byte[] payload = bytes("a\nb\rc\r");
        byte[] wire = crlf.encode(payload);
        assertThat(wire).isEqualTo(bytes("a\nb\rc\r\r\n"));
        assertThat(decodeStream(crlf, wire)).containsExactly(payload);
    }

    @Test
    void everySplitOfAMultiFrameStreamYieldsTheSameFrames() throws Exception {
        List<byte[]> payloads = List.of(bytes("one"), new byte[0], bytes("a\r\nb"), bytes("12345678"),
                bytes("\r\n\r"), new byte[0]);
        byte[] stream = encodeAll(blankLine, payloads);
        assertEverySplitDecodes(blankLine, stream, payloads, MAX + 3);

        List<byte[]> lines = List.of(bytes("x"), new byte[0], bytes("\n\r"), bytes("12345678"));
        assertEverySplitDecodes(crlf, encodeAll(crlf, lines), lines, MAX + 1);
    }

    @Test
    void overlappingDelimiterEndsAtItsFirstOccurrence() throws Exception {
        DelimiterFraming aba = new DelimiterFraming(bytes("aba"), MAX);
        assertThat(decodeAll(aba.newDecoder(), wrap("xabababa"))).containsExactly(bytes("x"), bytes("b"));
    }

    @Test
    void encoderRefusesAPayloadContainingTheDelimiter() {
        assertThatThrownBy(() -> unitSeparator.encode(bytes('a', 0x1F, 'b')))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("delimiter 0x1F")
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> crlf.encode(bytes("ab\r\ncd")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("CRLF")
                .hasMessageContaining("index 2");
    }

    @Test
    void encoderRefusesAPayloadWhoseEndFormsTheDelimiterEarly() {
        // "ab" + "aba" reads as "aba" + "ba": the frame would end at index 0
        DelimiterFraming aba = new DelimiterFraming(bytes("aba"), MAX);
        assertThatThrownBy(() -> aba.encode(bytes("ab")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("index 0");
        assertThatThrownBy(() -> blankLine.encode(bytes("x\r\n")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void payloadOfExactlyMaxDecodesAndMaxPlusOneIsRejected() throws Exception {
        assertThat(decodeStream(crlf, bytes("12345678\r\n"))).containsExactly(bytes("12345678"));
        assertThatThrownBy(() -> decodeStream(crlf, bytes("123456789\r\n")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("no CRLF within maxFrameLength 8 bytes");
        assertThat(crlf.encode(repeat('x', MAX))).hasSize(MAX + 2);
        assertThatThrownBy(() -> crlf.encode(repeat('x', MAX + 1)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("payload of 9 bytes exceeds maxFrameLength 8");
    }

    @Test
    void decoderHoldsAtMostMaxPlusTheDelimiterBeforeFailing() throws Exception {
        FrameDecoder decoder = blankLine.newDecoder();
        // 8 payload bytes and 3 of the 4 delimiter bytes may still end well
        assertThat(decoder.decode(wrap("12345678\r\n\r"))).isNull();
        assertThat(decoder.pendingBytes()).isEqualTo(MAX + 3);
        ByteBuffer tooMuch = wrap("x\n");
        assertThatThrownBy(() -> decoder.decode(tooMuch))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("no delimiter 0x0D0A0D0A within maxFrameLength 8 bytes");
        assertThat(decoder.pendingBytes()).isEqualTo(MAX + 3);
        assertThat(tooMuch.position()).as("stops at the first byte too many").isEqualTo(1);
    }

    @Test
    void aFailedDecoderStaysFailed() {
        FrameDecoder decoder = crlf.newDecoder();
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(repeat('x', 100)))).isInstanceOf(
                FramingException.class);
        assertThatThrownBy(() -> decoder.decode(wrap("\r\n")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("already broke the framing")
                .hasMessageContaining("no CRLF within maxFrameLength 8 bytes");
        assertThatThrownBy(decoder::endOfStream).isInstanceOf(FramingException.class);
    }

    @Test
    void streamEndingInsideAFrameFails() {
        assertThatThrownBy(() -> decodeStream(crlf, bytes("done\r\npart\r")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("stream ended inside a frame, 5 bytes discarded");
    }

    @Test
    void constructorRejectsAnEmptyDelimiterAndBadLimits() {
        assertThatThrownBy(() -> new DelimiterFraming(new byte[0], MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one byte");
        assertThatThrownBy(() -> DelimiterFraming.crlf(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameLength");
    }
}
