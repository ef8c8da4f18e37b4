package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.assertEverySplitDecodes;
import static io.github.tcpadapter.framing.Decoding.bytes;
import static io.github.tcpadapter.framing.Decoding.decodeAll;
import static io.github.tcpadapter.framing.Decoding.repeat;
import static io.github.tcpadapter.framing.Decoding.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFramingTest {

    private static final int MAX = 8;

    private final LineFraming framing = new LineFraming(MAX);

    // ---- encode / decode round trips ----

    @Test
    void encodeAppendsLf() throws Exception {
        assertThat(framing.encode(bytes("abc"))).isEqualTo(bytes("abc\n"));
    }

    @Test
    void encodeOfEmptyPayloadIsLoneLf() throws Exception {
        assertThat(framing.encode(new byte[0])).isEqualTo(bytes("\n"));
    }

    @Test
    void encodeDoesNotModifyThePayload() throws Exception {
        byte[] payload = bytes("abc");
        framing.encode(payload);
        assertThat(payload).isEqualTo(bytes("abc"));
    }

    @Test
    void roundTripOfTextPayloads() throws Exception {
        LineFraming wide = new LineFraming(1024);
        for (String text : List.of("", "a", "hello world", "a\rb", "\r\rx", "tab\there", "ümlaut €")) {
            byte[] payload = bytes(text);
            FrameDecoder decoder = wide.newDecoder();
            assertThat(decodeAll(decoder, ByteBuffer.wrap(wide.encode(payload))))
                    .as("round trip of %s", text)
                    .containsExactly(payload);
            assertThat(decoder.pendingBytes()).isZero();
        }
    }

    @Test
    void roundTripOfRandomBinaryPayloads() throws Exception {
        Random random = new Random(42);
        LineFraming wide = new LineFraming(300);
        FrameDecoder decoder = wide.newDecoder();
        for (int i = 0; i < 200; i++) {
            byte[] payload = randomEncodablePayload(random, random.nextInt(301));
            assertThat(decodeAll(decoder, ByteBuffer.wrap(wide.encode(payload)))).containsExactly(payload);
        }
    }

    @Test
    void roundTripOfPayloadOfExactlyMaxFrameLength() throws Exception {
        byte[] payload = repeat('x', MAX);
        assertThat(decodeAll(framing.newDecoder(), ByteBuffer.wrap(framing.encode(payload)))).containsExactly(payload);
    }

    // ---- decoding ----

    @Test
    void crBeforeLfIsStripped() throws Exception {
        assertThat(decodeAll(framing.newDecoder(), wrap("abc\r\n"))).containsExactly(bytes("abc"));
    }

    @Test
    void onlyOneCrBeforeLfIsStripped() throws Exception {
        assertThat(decodeAll(framing.newDecoder(), wrap("abc\r\r\n"))).containsExactly(bytes("abc\r"));
    }

    @Test
    void crInsideALineIsKept() throws Exception {
        assertThat(decodeAll(framing.newDecoder(), wrap("a\rb\n"))).containsExactly(bytes("a\rb"));
    }

    @Test
    void emptyLineIsAnEmptyFrame() throws Exception {
        assertThat(decodeAll(framing.newDecoder(), wrap("\n"))).containsExactly(new byte[0]);
        assertThat(decodeAll(framing.newDecoder(), wrap("\r\n"))).containsExactly(new byte[0]);
    }

    @Test
    void manyFramesInOneBuffer() throws Exception {
        FrameDecoder decoder = framing.newDecoder();
        ByteBuffer in = wrap("one\ntwo\r\n\nthree\nfour");

        assertThat(decoder.decode(in)).isEqualTo(bytes("one"));
        assertThat(in.position()).as("consumes up to the end of the first frame only").isEqualTo(4);
        assertThat(decoder.decode(in)).isEqualTo(bytes("two"));
        assertThat(decoder.decode(in)).isEqualTo(new byte[0]);
        assertThat(decoder.decode(in)).isEqualTo(bytes("three"));
        assertThat(decoder.decode(in)).as("incomplete last frame").isNull();
        assertThat(in.hasRemaining()).isFalse();
        assertThat(decoder.pendingBytes()).isEqualTo(4);

        assertThat(decoder.decode(wrap("\n"))).isEqualTo(bytes("four"));
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    void decodeOfEmptyBufferReturnsNull() throws Exception {
        FrameDecoder decoder = framing.newDecoder();
        assertThat(decoder.decode(ByteBuffer.allocate(0))).isNull();
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    void everySplitPointOfAMultiFrameStreamYieldsTheSameFrames() throws Exception {
        byte[] stream = bytes("alpha\nbe\r\n\n\r\nx\ry\n12345678\n12345678\r\nz\n");
        List<byte[]> expected = List.of(bytes("alpha"), bytes("be"), new byte[0], new byte[0], bytes("x\ry"),
                bytes("12345678"), bytes("12345678"), bytes("z"));
        assertThat(decodeAll(framing.newDecoder(), ByteBuffer.wrap(stream))).containsExactlyElementsOf(expected);
        assertEverySplitDecodes(framing, stream, expected, MAX + 1);
    }

    @Test
    void splitCrLfAcrossBuffers() throws Exception {
        FrameDecoder decoder = framing.newDecoder();
        assertThat(decoder.decode(wrap("abc\r"))).isNull();
        assertThat(decoder.pendingBytes()).isEqualTo(4);
        assertThat(decoder.decode(wrap("\n"))).isEqualTo(bytes("abc"));
    }

    // ---- limits ----

    @Test
    void payloadOfExactlyMaxFrameLengthDecodes() throws Exception {
        assertThat(decodeAll(framing.newDecoder(), wrap("12345678\n"))).containsExactly(bytes("12345678"));
    }

    @Test
    void payloadOfExactlyMaxFrameLengthWithTrailingCrDecodes() throws Exception {
        assertThat(decodeAll(framing.newDecoder(), wrap("12345678\r\n"))).containsExactly(bytes("12345678"));
    }

    @Test
    void payloadOfMaxFrameLengthPlusOneIsRejected() {
        assertThatThrownBy(() -> decodeAll(framing.newDecoder(), wrap("123456789\n")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("maxFrameLength " + MAX);
    }

    @Test
    void payloadOfMaxFrameLengthPlusOneWithTrailingCrIsRejected() {
        assertThatThrownBy(() -> decodeAll(framing.newDecoder(), wrap("123456789\r\n")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("maxFrameLength " + MAX);
    }

    @Test
    void streamWithoutLfIsRejectedAsSoonAsItExceedsMaxFrameLengthPlusOne() throws Exception {
        FrameDecoder decoder = framing.newDecoder();
        // max + 1 bytes may still be a valid frame (the last one may be the CR of a CRLF)
        for (int i = 0; i < MAX + 1; i++) {
            assertThat(decoder.decode(ByteBuffer.wrap(new byte[] {'x'}))).isNull();
            assertThat(decoder.pendingBytes()).isEqualTo(i + 1);
        }
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {'x'})))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("maxFrameLength " + MAX);
        assertThat(decoder.pendingBytes()).isEqualTo(MAX + 1);
    }

    @Test
    void longStreamWithoutLfInOneBufferIsRejectedWithoutBufferingIt() {
        FrameDecoder decoder = framing.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(repeat('x', 10_000));
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(FramingException.class);
        assertThat(decoder.pendingBytes()).isEqualTo(MAX + 1);
        assertThat(in.position()).as("stops reading at the first byte too many").isEqualTo(MAX + 2);
    }

    @Test
    void decoderWithLargeLimitHoldsAtMostLimitPlusOne() {
        // exercises the growth of the decoder's line buffer past its initial size
        int max = 1000;
        FrameDecoder decoder = new LineFraming(max).newDecoder();
        assertThatThrownBy(() -> {
            for (int i = 0; i < 2 * max; i++) {
                decoder.decode(ByteBuffer.wrap(new byte[] {'y'}));
                assertThat(decoder.pendingBytes()).isLessThanOrEqualTo(max + 1);
            }
        }).isInstanceOf(FramingException.class);
        assertThat(decoder.pendingBytes()).isEqualTo(max + 1);
    }

    @Test
    void decoderWithLargeLimitDecodesFrameOfExactlyTheLimit() throws Exception {
        int max = 1000;
        LineFraming large = new LineFraming(max);
        byte[] payload = repeat('y', max);
        byte[] wire = large.encode(payload);
        FrameDecoder decoder = large.newDecoder();
        List<byte[]> frames = new ArrayList<>();
        for (byte b : wire) {
            frames.addAll(decodeAll(decoder, ByteBuffer.wrap(new byte[] {b})));
        }
        assertThat(frames).containsExactly(payload);
    }

    @Test
    void limitOfOneAcceptsOneByteFrames() throws Exception {
        LineFraming tiny = new LineFraming(1);
        assertThat(decodeAll(tiny.newDecoder(), wrap("a\n\r\nb\r\n"))).containsExactly(bytes("a"), new byte[0],
                bytes("b"));
        assertThatThrownBy(() -> decodeAll(tiny.newDecoder(), wrap("ab\n"))).isInstanceOf(FramingException.class);
    }

    // ---- encoder rules ----

    @Test
    void encoderRefusesPayloadContainingLf() {
        assertThatThrownBy(() -> framing.encode(bytes("ab\ncd")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("LF")
                .hasMessageContaining("index 2");
    }

    @Test
    void encoderRefusesPayloadEndingInCr() {
        assertThatThrownBy(() -> framing.encode(bytes("abc\r")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("ends with CR");
    }

    @Test
    void encoderRefusesPayloadOverTheLimit() {
        assertThatThrownBy(() -> framing.encode(repeat('x', MAX + 1)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("payload of " + (MAX + 1) + " bytes")
                .hasMessageContaining("maxFrameLength " + MAX);
    }

    @Test
    void encoderAcceptsPayloadOfExactlyTheLimit() throws Exception {
        assertThat(framing.encode(repeat('x', MAX))).hasSize(MAX + 1);
    }

    // ---- constructor ----

    @Test
    void constructorRejectsMaxFrameLengthBelowOne() {
        assertThatThrownBy(() -> new LineFraming(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new LineFraming(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
    }

    @Test
    void decoderCanBeCreatedForTheLargestAcceptedLimit() {
        FrameDecoder decoder = new LineFraming(Framing.MAX_FRAME_LENGTH_LIMIT).newDecoder();
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    void constructorRejectsLimitsAboveTheLargest() {
        assertThatThrownBy(() -> new LineFraming(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(Integer.MAX_VALUE));
    }

    // ---- helpers ----

    private static byte[] randomEncodablePayload(Random random, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            byte b = (byte) random.nextInt(256);
            if (b == '\n' || (i == length - 1 && b == '\r')) {
                b = 'x';
            }
            payload[i] = b;
        }
        return payload;
    }
}
