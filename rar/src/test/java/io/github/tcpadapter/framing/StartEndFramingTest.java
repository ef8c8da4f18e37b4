package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.assertEverySplitDecodes;
import static io.github.tcpadapter.framing.Decoding.bytes;
import static io.github.tcpadapter.framing.Decoding.concat;
import static io.github.tcpadapter.framing.Decoding.decodeAll;
import static io.github.tcpadapter.framing.Decoding.decodeStream;
import static io.github.tcpadapter.framing.Decoding.encodeAll;
import static io.github.tcpadapter.framing.Decoding.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The STX_ETX and MLLP formats. */
class StartEndFramingTest {

    private static final int MAX = 8;

    private final StartEndFraming stxEtx = new StartEndFraming(bytes(0x02), bytes(0x03), MAX);
    private final StartEndFraming mllp = StartEndFraming.mllp(MAX);
    private final StartEndFraming brackets = new StartEndFraming(bytes("<<"), bytes(">>"), MAX);

    @Test
    void wireBytes() throws Exception {
        assertThat(stxEtx.encode(bytes("hello"))).isEqualTo(concat(bytes(0x02), bytes("hello"), bytes(0x03)));
        assertThat(mllp.encode(bytes("hello"))).isEqualTo(concat(bytes(0x0B), bytes("hello"), bytes(0x1C, 0x0D)));
        assertThat(brackets.encode(new byte[0])).isEqualTo(bytes("<<>>"));
    }

    @Test
    void startMarkerInsideThePayloadIsData() throws Exception {
        byte[] payload = bytes("a<<b<");
        assertThat(decodeStream(brackets, brackets.encode(payload))).containsExactly(payload);
        byte[] hl7 = concat(bytes("MSH|"), bytes(0x0B), bytes(0x1C), bytes("x\r"));
        assertThat(decodeStream(mllp, mllp.encode(hl7))).as("FS and CR apart are data").containsExactly(hl7);
    }

    @Test
    void everySplitOfAMultiFrameStreamYieldsTheSameFrames() throws Exception {
        List<byte[]> payloads = List.of(bytes("MSH|1"), new byte[0], bytes("12345678"), bytes("a\rb"));
        assertEverySplitDecodes(mllp, encodeAll(mllp, payloads), payloads, 1 + MAX + 1);

        List<byte[]> bracketed = List.of(bytes("x>y"), bytes("<"), new byte[0], bytes(">1234567"));
        assertEverySplitDecodes(brackets, encodeAll(brackets, bracketed), bracketed, 2 + MAX + 1);
    }

    @Test
    void bytesBeforeTheStartMarkerAreRejected() {
        assertThatThrownBy(() -> decodeStream(stxEtx, bytes("x")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("expected the start marker 0x02 but got 0x78 between frames");
        assertThatThrownBy(() -> decodeStream(brackets, bytes("<<a>>\n<<b>>")))
                .as("a stray line end between frames")
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("got 0x0A between frames");
        assertThatThrownBy(() -> decodeStream(brackets, bytes("<x")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("got 0x78 inside it");
    }

    @Test
    void frameBeforeTheGarbageIsStillDelivered() throws Exception {
        FrameDecoder decoder = mllp.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(concat(mllp.encode(bytes("ok")), bytes("junk")));
        assertThat(decoder.decode(in)).isEqualTo(bytes("ok"));
        assertThatThrownBy(() -> decoder.decode(in)).isInstanceOf(FramingException.class);
    }

    @Test
    void encoderRefusesAPayloadContainingTheEndMarker() {
        assertThatThrownBy(() -> mllp.encode(concat(bytes("a"), bytes(0x1C, 0x0D), bytes("b"))))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("end marker 0x1C0D")
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> brackets.encode(bytes("a>")))
                .as("its last byte and the end marker form the marker one byte early")
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    void payloadOfExactlyMaxDecodesAndMaxPlusOneIsRejected() throws Exception {
        byte[] exactly = mllp.encode(repeat('x', MAX));
        assertThat(decodeStream(mllp, exactly)).containsExactly(repeat('x', MAX));
        byte[] tooLong = concat(bytes(0x0B), repeat('x', MAX + 1), bytes(0x1C, 0x0D));
        assertThatThrownBy(() -> decodeStream(mllp, tooLong))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("no end marker 0x1C0D within maxFrameLength 8 bytes");
        assertThatThrownBy(() -> mllp.encode(repeat('x', MAX + 1)))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("exceeds maxFrameLength 8");
    }

    @Test
    void decoderHoldsAtMostTheMarkersAndMax() throws Exception {
        FrameDecoder decoder = mllp.newDecoder();
        assertThat(decodeAll(decoder, ByteBuffer.wrap(concat(bytes(0x0B), repeat('x', MAX), bytes(0x1C))))).isEmpty();
        assertThat(decoder.pendingBytes()).isEqualTo(1 + MAX + 1);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(bytes(0x1C)))).isInstanceOf(FramingException.class);
        assertThat(decoder.pendingBytes()).isEqualTo(1 + MAX + 1);
    }

    @Test
    void streamEndingInsideAFrameOrItsStartMarkerFails() throws Exception {
        assertThatThrownBy(() -> decodeStream(mllp, concat(bytes(0x0B), bytes("half"))))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("5 bytes discarded");
        assertThatThrownBy(() -> decodeStream(brackets, bytes("<")))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("1 bytes discarded");
        assertThat(decodeStream(mllp, new byte[0])).isEmpty();
    }

    @Test
    void constructorRejectsEmptyMarkers() {
        assertThatThrownBy(() -> new StartEndFraming(new byte[0], bytes(3), MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start marker");
        assertThatThrownBy(() -> new StartEndFraming(bytes(2), new byte[0], MAX))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one byte");
    }
}
