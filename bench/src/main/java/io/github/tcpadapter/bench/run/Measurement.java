package io.github.tcpadapter.bench.run;

import io.github.tcpadapter.bench.server.ResultLine;
import org.HdrHistogram.Histogram;

/**
 * One measured cell of one repetition.
 *
 * @param direction {@code inbound}, {@code outbound}, {@code multiplexed} or {@code burst}
 * @param subject what was measured: a server, or an outbound way of calling
 * @param load connections (inbound) or callers (outbound)
 * @param bytes the frame size, line end included
 * @param repetition which repetition, from 1
 * @param figures requests, seconds, rps, p50us, p99us, errors, connections, outstanding, silent, and the histogram
 */
record Measurement(String direction, String subject, int load, int bytes, int repetition, Figures figures) {

    /** @return whether most connections (more than half) got no answer in the window: the cell measured nothing */
    boolean broken() {
        return Broken.is(silent(), load);
    }

    /** @return the connections, or callers, that got no answer in the window */
    long silent() {
        return (long) figures.get("silent");
    }

    /** @return the latencies of the window's replies */
    Histogram latencies() {
        String encoded = figures.text("histogram");
        if (encoded == null) {
            throw new IllegalArgumentException("no histogram in the result of " + subject);
        }
        return ResultLine.decode(encoded);
    }

    String toJson() {
        StringBuilder json = new StringBuilder("{\"direction\":" + Json.string(direction) + ",\"subject\":"
                + Json.string(subject) + ",\"load\":" + load + ",\"bytes\":" + bytes + ",\"repetition\":" + repetition
                + ",\"broken\":" + broken());
        figures.all().forEach((name, value) -> json.append(",\"").append(name).append("\":").append(value));
        figures.texts().forEach((name, value) -> json.append(",\"").append(name).append("\":\"").append(value)
                .append('"'));
        return json.append('}').toString();
    }
}
