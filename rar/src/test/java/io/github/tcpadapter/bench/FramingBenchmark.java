package io.github.tcpadapter.bench;

import io.github.tcpadapter.framing.DelimiterFraming;
import io.github.tcpadapter.framing.FixedLengthFraming;
import io.github.tcpadapter.framing.FrameDecoder;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.framing.LengthHeaderEncoding;
import io.github.tcpadapter.framing.LengthPrefixFraming;
import io.github.tcpadapter.framing.LineFraming;
import io.github.tcpadapter.framing.RawFraming;
import io.github.tcpadapter.framing.StartEndFraming;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Decode throughput of every format: a pre-encoded stream of about 32 MiB is fed to a new decoder in 8 KiB
 * chunks, as a socket delivers it. Prints the median of the timed rounds in MB/s (10^6 bytes of wire per second)
 * as a Markdown table. Run with {@code mvn -P microbench -pl rar verify}.
 */
public final class FramingBenchmark {

    private static final int STREAM_BYTES = 32 << 20;
    private static final int CHUNK = 8192;
    private static final int MAX_FRAME_LENGTH = 65_536;
    private static final int WARMUP_ROUNDS = 5;
    private static final int TIMED_ROUNDS = 7;
    private static final int[] PAYLOAD_SIZES = {100, 4096};

    private FramingBenchmark() {
    }

    public static void main(String[] args) throws FramingException {
        Map<String, IntFunction<Framing>> formats = new LinkedHashMap<>();
        formats.put("LINE", size -> new LineFraming(MAX_FRAME_LENGTH));
        formats.put("CRLF", size -> DelimiterFraming.crlf(MAX_FRAME_LENGTH));
        formats.put("DELIMITER (0x1F)", size -> new DelimiterFraming(new byte[] {0x1F}, MAX_FRAME_LENGTH));
        formats.put("DELIMITER (\\r\\n\\r\\n)", size -> new DelimiterFraming(new byte[] {'\r', '\n', '\r', '\n'},
                MAX_FRAME_LENGTH));
        formats.put("STX_ETX", size -> new StartEndFraming(new byte[] {0x02}, new byte[] {0x03}, MAX_FRAME_LENGTH));
        formats.put("MLLP", size -> StartEndFraming.mllp(MAX_FRAME_LENGTH));
        formats.put("LENGTH_PREFIXED (4, BINARY)",
                size -> new LengthPrefixFraming(4, LengthHeaderEncoding.BINARY, false, MAX_FRAME_LENGTH));
        formats.put("LENGTH_PREFIXED (4, ASCII)",
                size -> new LengthPrefixFraming(4, LengthHeaderEncoding.ASCII, false, MAX_FRAME_LENGTH));
        formats.put("FIXED", FixedLengthFraming::new);
        formats.put("RAW (one frame per 8 KiB read)", size -> new RawFraming(MAX_FRAME_LENGTH, false));

        System.out.printf("Decode throughput, MB/s (median of %d rounds over %d MiB fed in %d-byte chunks; "
                + "JDK %s)%n%n", TIMED_ROUNDS, STREAM_BYTES >> 20, CHUNK, Runtime.version());
        System.out.println("| Format | 100-byte payloads | 4 KiB payloads |");
        System.out.println("| --- | ---: | ---: |");
        for (Map.Entry<String, IntFunction<Framing>> format : formats.entrySet()) {
            StringBuilder row = new StringBuilder("| " + format.getKey() + " |");
            for (int size : PAYLOAD_SIZES) {
                row.append(String.format(" %.0f |", measure(format.getValue().apply(size), size)));
            }
            System.out.println(row);
        }
    }

    /** @return the median throughput in MB/s of decoding a stream of payloads of {@code size} bytes */
    private static double measure(Framing framing, int size) throws FramingException {
        byte[] stream = stream(framing, size);
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            decode(framing, stream);
        }
        double[] rates = new double[TIMED_ROUNDS];
        for (int i = 0; i < TIMED_ROUNDS; i++) {
            long start = System.nanoTime();
            decode(framing, stream);
            rates[i] = stream.length / ((System.nanoTime() - start) / 1e9) / 1e6;
        }
        Arrays.sort(rates);
        return rates[TIMED_ROUNDS / 2];
    }

    /** @return the payload bytes decoded, which also keeps the JIT from dropping the work */
    private static long decode(Framing framing, byte[] stream) throws FramingException {
        FrameDecoder decoder = framing.newDecoder();
        long payloadBytes = 0;
        for (int offset = 0; offset < stream.length; offset += CHUNK) {
            ByteBuffer chunk = ByteBuffer.wrap(stream, offset, Math.min(CHUNK, stream.length - offset));
            byte[] frame;
            while ((frame = decoder.decode(chunk)) != null) {
                payloadBytes += frame.length;
            }
        }
        if (decoder.endOfStream() != null || payloadBytes == 0) {
            throw new IllegalStateException("the stream did not decode to whole frames");
        }
        return payloadBytes;
    }

    /** @return frames of printable ASCII payloads, which no format's framing bytes collide with */
    private static byte[] stream(Framing framing, int size) throws FramingException {
        Random random = new Random(size);
        ByteArrayOutputStream out = new ByteArrayOutputStream(STREAM_BYTES + MAX_FRAME_LENGTH);
        byte[] payload = new byte[size];
        while (out.size() < STREAM_BYTES) {
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (' ' + random.nextInt(95));
            }
            out.writeBytes(framing.encode(payload));
        }
        return out.toByteArray();
    }
}
