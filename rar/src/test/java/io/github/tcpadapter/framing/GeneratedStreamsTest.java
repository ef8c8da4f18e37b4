package io.github.tcpadapter.framing;

import static io.github.tcpadapter.framing.Decoding.concat;
import static io.github.tcpadapter.framing.Decoding.decodeChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests over generated inputs, for every format: each case is a format and a seed, so a failure names
 * the seed that reproduces it. Payloads and garbage mix uniform random bytes with the bytes the formats frame
 * with, so that delimiters, markers and their partial matches turn up often.
 */
class GeneratedStreamsTest {

    /** Seeds per format and property: the case count is this times the formats, per property. */
    static final int SEEDS = 100;
    private static final int MAX = 64;
    private static final int PAYLOADS_PER_STREAM = 24;
    private static final byte[] FRAMING_BYTES = {'\n', '\r', 0x00, 0x02, 0x03, 0x0B, 0x1C, 0x0D, '0', '9', 'a', 'b'};

    /** A format under test, and the most bytes its decoder may hold: the limit plus its framing bytes. */
    record Format(String name, Framing framing, int maxHeld) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Format> messageFormats() {
        return List.of(
                new Format("LINE", new LineFraming(MAX), MAX + 1),
                new Format("CRLF", DelimiterFraming.crlf(MAX), MAX + 1),
                new Format("DELIMITER 0x00", new DelimiterFraming(new byte[] {0}, MAX), MAX),
                new Format("DELIMITER \\r\\n\\r\\n", new DelimiterFraming(Decoding.bytes("\r\n\r\n"), MAX), MAX + 3),
                new Format("DELIMITER aba", new DelimiterFraming(Decoding.bytes("aba"), MAX), MAX + 2),
                new Format("STX_ETX", new StartEndFraming(new byte[] {2}, new byte[] {3}, MAX), 1 + MAX),
                new Format("STX_ETX ab/ba", new StartEndFraming(Decoding.bytes("ab"), Decoding.bytes("ba"), MAX),
                        2 + MAX + 1),
                new Format("MLLP", StartEndFraming.mllp(MAX), 1 + MAX + 1),
                new Format("LENGTH_PREFIXED 1 BINARY", lengthPrefixed(1, LengthHeaderEncoding.BINARY, false), 1 + MAX),
                new Format("LENGTH_PREFIXED 2 BINARY inclusive", lengthPrefixed(2, LengthHeaderEncoding.BINARY, true),
                        2 + MAX),
                new Format("LENGTH_PREFIXED 4 BINARY", lengthPrefixed(4, LengthHeaderEncoding.BINARY, false), 4 + MAX),
                new Format("LENGTH_PREFIXED 1 ASCII", lengthPrefixed(1, LengthHeaderEncoding.ASCII, false), 1 + MAX),
                new Format("LENGTH_PREFIXED 2 ASCII inclusive", lengthPrefixed(2, LengthHeaderEncoding.ASCII, true),
                        2 + MAX),
                new Format("LENGTH_PREFIXED 4 ASCII", lengthPrefixed(4, LengthHeaderEncoding.ASCII, false), 4 + MAX),
                new Format("FIXED 7", new FixedLengthFraming(7), 7));
    }

    static List<Format> allFormats() {
        List<Format> all = new ArrayList<>(messageFormats());
        all.add(new Format("RAW", new RawFraming(MAX, false), 0));
        all.add(new Format("RAW until close", new RawFraming(MAX, true), MAX));
        return all;
    }

    static Stream<Arguments> messageCases() {
        return cases(messageFormats());
    }

    static Stream<Arguments> allCases() {
        return cases(allFormats());
    }

    static Stream<Arguments> rawSeeds() {
        return LongStream.range(0, SEEDS).mapToObj(Arguments::of);
    }

    private static Stream<Arguments> cases(List<Format> formats) {
        return formats.stream().flatMap(format -> LongStream.range(0, SEEDS)
                .mapToObj(seed -> Arguments.of(format, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("messageCases")
    void randomPayloadsSplitAtRandomPointsDecodeToTheSameFrames(Format format, long seed) throws Exception {
        Random random = new Random(seed);
        List<byte[]> accepted = new ArrayList<>();
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < PAYLOADS_PER_STREAM; i++) {
            byte[] payload = payload(random, format);
            try {
                wire.add(format.framing().encode(payload));
                accepted.add(payload);
            } catch (FramingException refused) {
                // a payload the format cannot carry is refused, never framed wrongly: decoding checks the rest
            }
        }
        assertThat(accepted).as("payloads the encoder accepted").hasSizeGreaterThan(PAYLOADS_PER_STREAM / 4);

        byte[] stream = concat(wire.toArray(new byte[0][]));
        List<byte[]> frames = decodeChunks(format.framing().newDecoder(), split(random, stream), format.maxHeld());
        assertThat(frames).containsExactlyElementsOf(accepted);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("rawSeeds")
    void rawFramesAreTheReadsCutAtTheLimit(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] stream = garbage(random, 4 * MAX);
        List<byte[]> chunks = split(random, stream);

        List<byte[]> frames = decodeChunks(new RawFraming(MAX, false).newDecoder(), chunks, 0);

        assertThat(frames).allSatisfy(frame -> assertThat(frame.length).isBetween(1, MAX));
        assertThat(concat(frames.toArray(new byte[0][]))).isEqualTo(stream);
        long nonEmptyChunks = chunks.stream().filter(chunk -> chunk.length > 0).count();
        assertThat(frames.size()).isBetween((int) nonEmptyChunks, (int) nonEmptyChunks + stream.length / MAX);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("rawSeeds")
    void rawUntilCloseIsTheWholeStream(long seed) throws Exception {
        Random random = new Random(seed);
        byte[] stream = garbage(random, MAX);

        List<byte[]> frames = decodeChunks(new RawFraming(MAX, true).newDecoder(), split(random, stream), MAX);

        assertThat(frames).containsExactlyElementsOf(stream.length == 0 ? List.of() : List.of(stream));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("allCases")
    void randomGarbageOnlyEverFailsWithFramingExceptionAndStaysBounded(Format format, long seed) {
        Random random = new Random(seed);
        FrameDecoder decoder = format.framing().newDecoder();
        Throwable failure = null;
        for (byte[] chunk : split(random, garbage(random, 6 * MAX))) {
            failure = catchThrowable(() -> drain(decoder, ByteBuffer.wrap(chunk), format.maxHeld()));
            if (failure != null) {
                break;
            }
        }
        if (failure == null) {
            failure = catchThrowable(decoder::endOfStream);
        }
        if (failure != null) {
            assertThat(failure).isExactlyInstanceOf(FramingException.class);
            assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(new byte[] {1})))
                    .as("a failed decoder stays failed")
                    .isInstanceOf(FramingException.class);
        }
        assertThat(decoder.pendingBytes()).isBetween(0, format.maxHeld());
    }

    private static void drain(FrameDecoder decoder, ByteBuffer in, int maxHeld) throws FramingException {
        byte[] frame;
        while ((frame = decoder.decode(in)) != null) {
            assertThat(frame.length).isLessThanOrEqualTo(MAX);
            assertThat(decoder.pendingBytes()).isBetween(0, maxHeld);
        }
        assertThat(decoder.pendingBytes()).isBetween(0, maxHeld);
    }

    private static byte[] payload(Random random, Format format) {
        if (format.framing() instanceof FixedLengthFraming) {
            // mostly the right size, sometimes not, which the encoder must refuse
            return garbage(random, random.nextInt(8) == 0 ? 7 + random.nextInt(3) - 1 : 7, 7 + 1);
        }
        return garbage(random, random.nextInt(5) == 0 ? MAX + 2 : 12);
    }

    /** @return up to {@code maxLength} bytes, a quarter of them framing bytes */
    private static byte[] garbage(Random random, int maxLength) {
        return garbage(random, random.nextInt(maxLength + 1), maxLength);
    }

    private static byte[] garbage(Random random, int length, int maxLength) {
        byte[] bytes = new byte[Math.min(length, maxLength)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(4) == 0
                    ? FRAMING_BYTES[random.nextInt(FRAMING_BYTES.length)]
                    : (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** @return the stream cut at up to 12 random points; chunks may be empty or single bytes */
    private static List<byte[]> split(Random random, byte[] stream) {
        int[] cuts = new int[random.nextInt(13)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = random.nextInt(stream.length + 1);
        }
        Arrays.sort(cuts);
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            chunks.add(Arrays.copyOfRange(stream, from, cut));
            from = cut;
        }
        chunks.add(Arrays.copyOfRange(stream, from, stream.length));
        return chunks;
    }

    private static LengthPrefixFraming lengthPrefixed(int headerBytes, LengthHeaderEncoding encoding,
            boolean includesHeader) {
        return new LengthPrefixFraming(headerBytes, encoding, includesHeader, MAX);
    }
}
