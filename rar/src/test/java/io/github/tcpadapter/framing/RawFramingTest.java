package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.bytes;
import static io.github.tcpadapter.framing.Decoding.decodeAll;
import static io.github.tcpadapter.framing.Decoding.decodeChunks;
import static io.github.tcpadapter.framing.Decoding.repeat;
import static io.github.tcpadapter.framing.Decoding.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawFramingTest {

    private static final int MAX = 8;

    private final RawFraming perRead = new RawFraming(MAX, false);
    private final RawFraming untilClose = new RawFraming(MAX, true);

    @Test
    void wireBytesAreThePayload() throws Exception {
        byte[] payload = bytes("hello\n");
        assertThat(perRead.encode(payload)).isEqualTo(payload).isNotSameAs(payload);
        assertThat(untilClose.encode(payload)).isEqualTo(payload);
    }

    @Test
    void encoderRefusesMoreThanMax() throws Exception {
        assertThat(perRead.encode(repeat('x', MAX))).hasSize(MAX);
        assertThatThrownBy(() -> perRead.encode(repeat('x', MAX + 1)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("payload of 9 bytes exceeds maxFrameLength 8");
    }

    @Test
    void eachDecodeCallsBufferIsOneFrame() throws Exception {
        List<byte[]> chunks = List.of(bytes("he"), bytes("llo\n"), new byte[0], bytes("x"));
        assertThat(decodeChunks(perRead.newDecoder(), chunks, 0))
                .containsExactly(bytes("he"), bytes("llo\n"), bytes("x"));
    }

    @Test
    void aReadLongerThanMaxIsSplitAtMax() throws Exception {
        FrameDecoder decoder = perRead.newDecoder();
        assertThat(decodeAll(decoder, wrap("12345678abcdefghXY")))
                .containsExactly(bytes("12345678"), bytes("abcdefgh"), bytes("XY"));
        assertThat(decoder.pendingBytes()).isZero();
        assertThat(decoder.endOfStream()).isNull();
    }

    @Test
    void untilCloseTheWholeStreamIsOneFrameAtTheEnd() throws Exception {
        FrameDecoder decoder = untilClose.newDecoder();
        assertThat(decoder.decode(wrap("1234"))).isNull();
        assertThat(decoder.decode(wrap("5678"))).as("exactly max").isNull();
        assertThat(decoder.pendingBytes()).isEqualTo(MAX);
        assertThat(decoder.endOfStream()).isEqualTo(bytes("12345678"));
        assertThat(decoder.endOfStream()).as("once").isNull();
    }

    @Test
    void untilCloseRejectsMaxPlusOne() throws Exception {
        FrameDecoder decoder = untilClose.newDecoder();
        assertThat(decoder.decode(wrap("12345678"))).isNull();
        ByteBuffer oneMore = wrap("9");
        assertThatThrownBy(() -> decoder.decode(oneMore))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("more than maxFrameLength 8 bytes before the peer closed");
        assertThat(decoder.pendingBytes()).isEqualTo(MAX);
        assertThatThrownBy(decoder::endOfStream).as("nothing half delivered").isInstanceOf(FramingException.class);
    }

    @Test
    void untilCloseWithNothingSentHasNoFrame() throws Exception {
        assertThat(untilClose.newDecoder().endOfStream()).isNull();
    }

    @Test
    void constructorRejectsBadLimits() {
        assertThatThrownBy(() -> new RawFraming(0, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
