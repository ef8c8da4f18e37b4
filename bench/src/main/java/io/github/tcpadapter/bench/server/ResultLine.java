package io.github.tcpadapter.bench.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The one JSON line in which every measuring process (the load generator, the callers in the server, Spring's
 * client) hands a cell's figures to the run, its latency histogram included (compressed, base64), so that the run
 * merges the histograms of the repetitions instead of averaging their percentiles.
 */
public final class ResultLine {

    private ResultLine() {
    }

    /**
     * @param latenciesMicros the latencies of the window's correct replies, one value per request
     * @param seconds the measured window's length
     * @param errors wrong replies and failed calls
     * @param connections the connections, or callers, that made the load
     * @param outstanding requests sent and still unanswered when the window ended
     * @param silent connections, or callers, that got no answer in the window
     * @return the line
     */
    public static String json(Histogram latenciesMicros, double seconds, long errors, int connections,
            long outstanding, long silent) {
        long requests = latenciesMicros.getTotalCount();
        return String.format(Locale.ROOT,
                "{\"requests\":%d,\"seconds\":%.3f,\"rps\":%.1f,\"p50us\":%.1f,\"p99us\":%.1f,\"errors\":%d,"
                        + "\"connections\":%d,\"outstanding\":%d,\"silent\":%d,\"histogram\":\"%s\"}",
                requests, seconds, requests / seconds, (double) latenciesMicros.getValueAtPercentile(50),
                (double) latenciesMicros.getValueAtPercentile(99), errors, connections, outstanding, silent,
                encode(latenciesMicros));
    }

    /** @return the histogram, compressed, in base64 */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /**
     * @param base64 what {@link #encode(Histogram)} wrote
     * @return the histogram
     * @throws IllegalArgumentException if it is not such a histogram
     */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e, e);
        }
    }
}
