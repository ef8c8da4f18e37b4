package io.github.tcpadapter.bench.run;

/**
 * One measured cell of one repetition.
 *
 * @param direction {@code inbound} or {@code outbound}
 * @param subject what was measured: a server, or an outbound way of calling
 * @param load connections (inbound) or callers (outbound)
 * @param bytes the frame size, line end included
 * @param repetition which repetition, from 1
 * @param figures requests, seconds, rps, p50us, p99us, errors
 */
record Measurement(String direction, String subject, int load, int bytes, int repetition, Figures figures) {

    String toJson() {
        StringBuilder json = new StringBuilder("{\"direction\":\"" + direction + "\",\"subject\":\"" + subject
                + "\",\"load\":" + load + ",\"bytes\":" + bytes + ",\"repetition\":" + repetition);
        figures.all().forEach((name, value) -> json.append(",\"").append(name).append("\":").append(value));
        return json.append('}').toString();
    }
}
