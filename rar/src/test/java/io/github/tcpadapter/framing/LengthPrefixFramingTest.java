package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.assertEverySplitDecodes;
import static io.github.tcpadapter.framing.Decoding.bytes;
import static io.github.tcpadapter.framing.Decoding.concat;
import static io.github.tcpadapter.framing.Decoding.decodeAll;
import static io.github.tcpadapter.framing.Decoding.decodeStream;
import static io.github.tcpadapter.framing.Decoding.encodeAll;
import static io.github.tcpadapter.framing.Decoding.repeat;
import static io.github.tcpadapter.framing.LengthHeaderEncoding.ASCII;
import static io.github.tcpadapter.framing.LengthHeaderEncoding.BINARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LengthPrefixFramingTest {

    private static final int MAX = 300;

    @Test
    void wireBytes() throws Exception {
        byte[] hello = bytes("hello");
        assertThat(framing(1, BINARY, false).encode(hello)).isEqualTo(concat(bytes(5), hello));
        assertThat(framing(2, BINARY, false).encode(hello)).isEqualTo(concat(bytes(0, 5), hello));
        assertThat(framing(4, BINARY, false).encode(hello)).isEqualTo(concat(bytes(0, 0, 0, 5), hello));
        assertThat(framing(2, BINARY, true).encode(hello)).isEqualTo(concat(bytes(0, 7), hello));
        assertThat(framing(1, ASCII, false).encode(hello)).isEqualTo(bytes("5hello"));
        assertThat(framing(4, ASCII, false).encode(hello)).isEqualTo(bytes("0005hello"));
        assertThat(framing(4, ASCII, true).encode(hello)).isEqualTo(bytes("0009hello"));
        assertThat(framing(2, BINARY, false).encode(repeat('x', 258))).startsWith(0x01, 0x02);
    }

    @Test
    void everySplitOfAMultiFrameStreamYieldsTheSameFrames() throws Exception {
        List<byte[]> payloads = List.of(bytes("hello"), new byte[0], bytes("0005\n\0"), repeat('y', 12));
        for (LengthPrefixFraming framing : List.of(framing(2, BINARY, false), framing(4, ASCII, true),
                framing(1, BINARY, true))) {
            int headerBytes = framing.encode(new byte[0]).length;
            assertEverySplitDecodes(framing, encodeAll(framing, payloads), payloads, headerBytes + MAX);
        }
    }

    @Test
    void emptyFrameIsTheHeaderAlone() throws Exception {
        LengthPrefixFraming framing = framing(2, BINARY, false);
        assertThat(framing.encode(new byte[0])).isEqualTo(bytes(0, 0));
        FrameDecoder decoder = framing.newDecoder();
        assertThat(decoder.decode(ByteBuffer.wrap(bytes(0, 0)))).isEmpty();
        assertThat(decoder.pendingBytes()).isZero();
    }

    @ParameterizedTest(name = "{0}-byte {1}, inclusive {2}: up to {3}")
    @CsvSource({
        "1, BINARY, false, 255", "1, BINARY, true, 254", "2, BINARY, false, 300",
        "1, ASCII, false, 9", "2, ASCII, false, 99", "2, ASCII, true, 97", "4, ASCII, false, 300"})
    void encoderAcceptsUpToTheHeadersRangeAndTheLimit(int headerBytes, LengthHeaderEncoding encoding,
            boolean includesHeader, int longest) throws Exception {
        LengthPrefixFraming framing = framing(headerBytes, encoding, includesHeader);
        byte[] payload = repeat('x', longest);
        assertThat(decodeStream(framing, framing.encode(payload))).containsExactly(payload);
        assertThatThrownBy(() -> framing.encode(repeat('x', longest + 1)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("payload of " + (longest + 1) + " bytes exceeds");
    }

    @Test
    void encoderNamesTheHeadersRange() {
        assertThatThrownBy(() -> framing(2, ASCII, true).encode(repeat('x', 98)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("exceeds the range of a 2-byte ASCII length header, 99 including the header");
    }

    @Test
    void headerAnnouncingExactlyMaxDecodesAndMaxPlusOneIsRejectedBeforeThePayload() throws Exception {
        LengthPrefixFraming framing = framing(2, BINARY, false);
        byte[] exactly = concat(bytes(0x01, 0x2C), repeat('z', MAX));
        assertThat(decodeStream(framing, exactly)).containsExactly(repeat('z', MAX));

        FrameDecoder decoder = framing.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(concat(bytes(0x01, 0x2D), repeat('z', MAX + 1)));
        assertThatThrownBy(() -> decoder.decode(in))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("length header announces 301 bytes, over maxFrameLength 300");
        assertThat(in.position()).as("nothing read past the header").isEqualTo(2);
        assertThat(decoder.pendingBytes()).isEqualTo(2);
    }

    @Test
    void hugeAnnouncementIsRejectedAtTheHeader() {
        FrameDecoder decoder = framing(4, BINARY, false).newDecoder();
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes(0xFF, 0xFF, 0xFF, 0xFF))))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("announces 4294967295 bytes");
    }

    @Test
    void largeAllowedFrameIsHeldOnlyAsFarAsItArrived() throws Exception {
        FrameDecoder decoder = new LengthPrefixFraming(4, BINARY, false, Framing.MAX_FRAME_LENGTH_LIMIT)
                .newDecoder();
        byte[] start = concat(bytes(0x7F, 0xFF, 0xFF, 0x00), repeat('a', 10));
        assertThat(decoder.decode(ByteBuffer.wrap(start))).isNull();
        assertThat(decoder.pendingBytes()).isEqualTo(14);
    }

    @Test
    void invalidHeadersAreRejected() {
        assertThatThrownBy(() -> decodeStream(framing(4, ASCII, false), bytes("00x5hello")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("length header byte 2 is 0x78, not an ASCII digit");
        assertThatThrownBy(() -> decodeStream(framing(4, ASCII, false), bytes(" 005hello")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("0x20, not an ASCII digit");
        assertThatThrownBy(() -> decodeStream(framing(4, ASCII, true), bytes("0003abc")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("length header announces 3 bytes, fewer than the 4-byte header it includes");
        assertThatThrownBy(() -> decodeStream(framing(2, BINARY, true), bytes(0, 1)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("announces 1 bytes, fewer than the 2-byte header");
    }

    @Test
    void inclusiveLengthOfTheHeaderAloneIsAnEmptyFrame() throws Exception {
        assertThat(decodeStream(framing(4, ASCII, true), bytes("0004"))).containsExactly(new byte[0]);
    }

    @Test
    void streamEndingInsideTheHeaderOrThePayloadFails() throws Exception {
        assertThatThrownBy(() -> decodeStream(framing(4, BINARY, false), bytes(0, 0)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("2 bytes discarded");
        assertThatThrownBy(() -> decodeStream(framing(1, BINARY, false), bytes(5, 'a', 'b')))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("3 bytes discarded");
        FrameDecoder decoder = framing(1, BINARY, false).newDecoder();
        assertThat(decodeAll(decoder, ByteBuffer.wrap(bytes(1, 'a', 1, 'b')))).containsExactly(bytes("a"),
                bytes("b"));
        assertThat(decoder.endOfStream()).isNull();
    }

    @Test
    void constructorRejectsOtherHeaderSizes() {
        assertThatThrownBy(() -> framing(3, BINARY, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1, 2 or 4 bytes, not 3");
    }

    private static LengthPrefixFraming framing(int headerBytes, LengthHeaderEncoding encoding,
            boolean includesHeader) {
        return new LengthPrefixFraming(headerBytes, encoding, includesHeader, MAX);
    }
}
