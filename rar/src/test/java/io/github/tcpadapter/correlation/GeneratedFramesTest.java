package io.github.tcpadapter.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.api.TcpCorrelation;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key functions over generated frames, each case a seed that reproduces it: valid messages give their key, every
 * truncation of one gives no key or the same key, and random mutations and garbage never throw and give either no
 * key or a key of printable ASCII.
 */
class GeneratedFramesTest {

    static final int SEEDS = 200;
    private static final int MUTATIONS = 40;
    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]+");
    private static final Pattern ISO_KEY = Pattern.compile("\\d{3}(\\|\\d+=[\\x20-\\x7E]*)+");

    static Stream<Arguments> seeds() {
        return LongStream.range(0, SEEDS).mapToObj(Arguments::of);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void iso8583MessagesKeepTheirKeyOrLoseItWhole(long seed) {
        Random random = new Random(seed);
        boolean hex = random.nextBoolean();
        Iso8583Correlation correlation = new Iso8583Correlation(0, new int[] {11, 41},
                hex ? Iso8583Bitmap.HEX : Iso8583Bitmap.BINARY, Iso8583Encoding.ASCII);
        String stan = digits(random, 6);
        String terminal = text(random, 8);
        Iso8583Messages builder = Iso8583Messages.ascii("0" + (1 + random.nextInt(8)) + "0" + random.nextInt(6))
                .field(11, stan).field(41, terminal);
        addOptionalFields(random, builder, hex);
        byte[] message = hex ? builder.hex() : builder.binary();

        Optional<String> key = correlation.requestKey(message);

        assertThat(key).get().asString().endsWith("|11=" + stan + "|41=" + escaped(terminal));
        for (int length = 0; length < message.length; length++) {
            Optional<String> truncated = correlation.replyKey(Arrays.copyOf(message, length));
            assertThat(truncated).as("cut to %d bytes", length).satisfiesAnyOf(
                    k -> assertThat(k).isEmpty(), k -> assertThat(k).isEqualTo(key));
        }
        assertSane(correlation, message, random, ISO_KEY);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void packedIso8583MessagesNeverThrow(long seed) {
        Random random = new Random(seed);
        Iso8583Correlation correlation = new Iso8583Correlation(0, new int[] {3, 11, 41}, Iso8583Bitmap.BINARY,
                Iso8583Encoding.BCD);
        byte[] message = Iso8583Messages.bcd("0200").field(2, new byte[] {0x16, 0x41, 0x11, 0x11, 0x11, 0x11, 0x11,
                0x11, 0x11}).field(3, new byte[3]).field(11, new byte[] {0, 1, (byte) random.nextInt(100)})
                .field(41, text(random, 8)).binary();

        assertThat(correlation.requestKey(message)).get().asString().startsWith("020|3=000000|11=0001");
        assertSane(correlation, message, random, ISO_KEY);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void hl7MessagesKeepTheirKeyOrAPartOfIt(long seed) {
        Random random = new Random(seed);
        Hl7Correlation correlation = new Hl7Correlation();
        String id = text(random, 1 + random.nextInt(20)).replaceAll("[|^~\\\\&\\r\\n]", "x");
        String end = random.nextBoolean() ? "\r" : random.nextBoolean() ? "\n" : "\r\n";
        byte[] ack = ("MSH|^~\\&|A|B|C|D|20261207||ACK^A01|" + text(random, 5).replaceAll("[|\\r\\n]", "x")
                + "|P|2.5" + end + "MSA|AA|" + id + end).getBytes(StandardCharsets.ISO_8859_1);

        assertThat(correlation.replyKey(ack)).contains(escaped(id));
        for (int length = 0; length < ack.length; length++) {
            Optional<String> truncated = correlation.replyKey(Arrays.copyOf(ack, length));
            assertThat(truncated).as("cut to %d bytes", length).satisfiesAnyOf(
                    k -> assertThat(k).isEmpty(), k -> assertThat(escaped(id)).startsWith(k.orElseThrow()));
        }
        assertSane(correlation, ack, random, PRINTABLE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aByteRangeHasAKeyExactlyWhenTheFrameHoldsIt(long seed) {
        Random random = new Random(seed);
        int offset = random.nextInt(8);
        int length = 1 + random.nextInt(8);
        byte[] frame = garbage(random, random.nextInt(20));

        Optional<String> key = new ByteRangeCorrelation(offset, length).replyKey(frame);

        assertThat(key.isPresent()).isEqualTo(frame.length >= offset + length);
        key.ifPresent(k -> assertThat(k).hasSize(2 * length).matches("[0-9A-F]+"));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRegexNeverThrowsOnGarbage(long seed) {
        Random random = new Random(seed);
        Pattern pattern = Pattern.compile("ID[=:](\\w+)");
        RegexCorrelation correlation = new RegexCorrelation(pattern, pattern, StandardCharsets.UTF_8);

        assertSane(correlation, "{\"ID\":\"x\"} ID=abc".getBytes(StandardCharsets.UTF_8), random,
                Pattern.compile("\\w+"));
    }

    /** Mutated copies of a message, and garbage, give no key or a key of the expected shape, never an exception. */
    private static void assertSane(TcpCorrelation correlation, byte[] message, Random random, Pattern shape) {
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] mutated = message.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0 && mutated.length > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = someByte(random);
            }
            byte[] frame = i % 4 == 3 ? garbage(random, random.nextInt(2 * message.length + 1)) : mutated;
            for (Optional<String> key : Arrays.asList(correlation.requestKey(frame), correlation.replyKey(frame))) {
                key.ifPresent(k -> assertThat(k).as("key of %s", Arrays.toString(frame)).matches(shape));
            }
        }
    }

    private static void addOptionalFields(Random random, Iso8583Messages builder, boolean hex) {
        if (random.nextBoolean()) {
            String pan = digits(random, 12 + random.nextInt(8));
            builder.field(2, String.format("%02d", pan.length()) + pan);
        }
        if (random.nextBoolean()) {
            builder.field(3, digits(random, 6)).field(4, digits(random, 12));
        }
        if (random.nextBoolean()) {
            builder.field(28, (random.nextBoolean() ? "C" : "D") + digits(random, 8));
        }
        if (random.nextBoolean()) {
            String track = digits(random, 16) + "=" + digits(random, 4 + random.nextInt(10));
            builder.field(35, String.format("%02d", track.length()) + track);
        }
        if (random.nextBoolean()) {
            String track = digits(random, random.nextInt(105));
            builder.field(36, String.format("%03d", track.length()) + track);
        }
        if (random.nextBoolean()) {
            builder.field(37, text(random, 12)).field(39, text(random, 2));
        }
        if (random.nextBoolean()) {
            builder.field(48, "011" + text(random, 11));
        }
        if (random.nextBoolean()) {
            builder.field(52, hex ? hexText(random, 16) : garbage(random, 8));
        }
        if (random.nextBoolean()) {
            builder.field(70, digits(random, 3)).field(102, "05" + text(random, 5));
        }
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static String text(Random random, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append((char) (random.nextInt(10) == 0 ? random.nextInt(256) : 0x20 + random.nextInt(0x5F)));
        }
        return text.toString();
    }

    private static byte[] hexText(Random random, int count) {
        return HexFormat.of().withUpperCase().formatHex(garbage(random, count / 2)).getBytes(StandardCharsets.US_ASCII);
    }

    private static String escaped(String text) {
        StringBuilder key = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        KeyText.appendText(key, bytes, 0, bytes.length);
        return key.toString();
    }

    private static byte[] garbage(Random random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = someByte(random);
        }
        return bytes;
    }

    /** Uniform bytes mixed with the ones the formats are made of: digits, hex letters, separators. */
    private static byte someByte(Random random) {
        byte[] special = "0123456789ABCDEF|^~\\&\r\nMSHA=".getBytes(StandardCharsets.US_ASCII);
        return random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
    }
}
