package io.github.tcpadapter.framing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Drives decoders over streams cut in every way, for the per-format tests. */
final class Decoding {

    private Decoding() {
    }

    /** Decodes until the buffer is drained; bounded by the buffer's size. */
    static List<byte[]> decodeAll(FrameDecoder decoder, ByteBuffer in) throws FramingException {
        List<byte[]> frames = new ArrayList<>();
        int limit = in.remaining() + 1;
        for (int i = 0; i < limit; i++) {
            byte[] frame = decoder.decode(in);
            if (frame == null) {
                assertThat(in.hasRemaining()).as("decode returns null only when the buffer is drained").isFalse();
                return frames;
            }
            frames.add(frame);
        }
        throw new AssertionError("decode did not drain the buffer");
    }

    /** @return the frames of a whole stream, decoded in one buffer by a new decoder, end of stream included */
    static List<byte[]> decodeStream(Framing framing, byte[] stream) throws FramingException {
        return decodeChunks(framing.newDecoder(), List.of(stream), Integer.MAX_VALUE);
    }

    /**
     * Asserts that the stream decodes to the expected frames cut in two at every point, and one byte at a time,
     * and that the decoder never holds more than {@code maxHeld} bytes.
     */
    static void assertEverySplitDecodes(Framing framing, byte[] stream, List<byte[]> expected, int maxHeld)
            throws FramingException {
        for (int split = 0; split <= stream.length; split++) {
            List<byte[]> chunks = List.of(Arrays.copyOf(stream, split),
                    Arrays.copyOfRange(stream, split, stream.length));
            assertThat(decodeChunks(framing.newDecoder(), chunks, maxHeld)).as("split at %d", split)
                    .containsExactlyElementsOf(expected);
        }
        List<byte[]> bytes = new ArrayList<>();
        for (byte b : stream) {
            bytes.add(new byte[] {b});
        }
        assertThat(decodeChunks(framing.newDecoder(), bytes, maxHeld)).as("one byte at a time")
                .containsExactlyElementsOf(expected);
    }

    /**
     * Feeds the chunks in order, then ends the stream, checking that the decoder never holds more than
     * {@code maxHeld} bytes.
     *
     * @return every frame, including one returned at the end of the stream
     */
    static List<byte[]> decodeChunks(FrameDecoder decoder, List<byte[]> chunks, int maxHeld)
            throws FramingException {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] chunk : chunks) {
            frames.addAll(decodeAll(decoder, ByteBuffer.wrap(chunk)));
            assertThat(decoder.pendingBytes()).isBetween(0, maxHeld);
        }
        byte[] last = decoder.endOfStream();
        if (last != null) {
            frames.add(last);
        }
        return frames;
    }

    /** @return the wire bytes of every payload, one after the other */
    static byte[] encodeAll(Framing framing, List<byte[]> payloads) throws FramingException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            stream.writeBytes(framing.encode(payload));
        }
        return stream.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] repeat(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    static ByteBuffer wrap(String text) {
        return ByteBuffer.wrap(bytes(text));
    }
}
