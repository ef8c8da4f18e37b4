package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.assertEverySplitDecodes;
import static io.github.tcpadapter.framing.Decoding.bytes;
import static io.github.tcpadapter.framing.Decoding.decodeAll;
import static io.github.tcpadapter.framing.Decoding.decodeStream;
import static io.github.tcpadapter.framing.Decoding.encodeAll;
import static io.github.tcpadapter.framing.Decoding.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixedLengthFramingTest {

    private final FixedLengthFraming five = new FixedLengthFraming(5);

    @Test
    void wireBytesAreThePayload() throws Exception {
        byte[] payload = bytes("hello");
        byte[] wire = five.encode(payload);
        assertThat(wire).isEqualTo(bytes("hello")).isNotSameAs(payload);
    }

    @Test
    void everySplitOfAMultiFrameStreamYieldsTheSameFrames() throws Exception {
        List<byte[]> payloads = List.of(bytes("hello"), bytes("\n\r\0ab"), bytes("world"));
        assertEverySplitDecodes(five, encodeAll(five, payloads), payloads, 5);
    }

    @Test
    void manyFramesInOneBufferComeOneByOne() throws Exception {
        FrameDecoder decoder = five.newDecoder();
        ByteBuffer in = wrap("aaaaabbbbbcc");
        assertThat(decoder.decode(in)).isEqualTo(bytes("aaaaa"));
        assertThat(in.position()).isEqualTo(5);
        assertThat(decodeAll(decoder, in)).containsExactly(bytes("bbbbb"));
        assertThat(decoder.pendingBytes()).isEqualTo(2);
    }

    @Test
    void encoderRefusesEveryOtherSize() {
        for (String payload : List.of("", "hell", "hello!")) {
            assertThatThrownBy(() -> five.encode(bytes(payload)))
                    .isInstanceOf(FramingException.class)
                    .hasMessageContaining("exactly fixedLength 5 bytes, not " + payload.length());
        }
    }

    @Test
    void streamEndingInsideAFrameFails() {
        assertThatThrownBy(() -> decodeStream(five, bytes("helloworl")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("4 bytes discarded");
    }

    @Test
    void lengthOfOneAndLimits() throws Exception {
        assertThat(decodeStream(new FixedLengthFraming(1), bytes("ab"))).containsExactly(bytes("a"), bytes("b"));
        assertThatThrownBy(() -> new FixedLengthFraming(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixedLength must be between 1 and");
        assertThatThrownBy(() -> new FixedLengthFraming(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
