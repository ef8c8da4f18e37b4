package io.github.tcpadapter.conversation;

import io.github.tcpadapter.config.PropertyCheck;
import io.github.tcpadapter.framing.ByteSequences;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import jakarta.resource.spi.InvalidPropertyException;

/**
 * A link's heartbeat: the frame sent after {@code intervalMillis} with nothing read or written, and how long its
 * answer may take.
 *
 * @param intervalMillis the quiet spell after which the frame is sent ({@code heartbeatIntervalMillis})
 * @param payload the frame's payload ({@code heartbeatFrame})
 * @param wire the payload framed like any other frame of the link
 * @param replyTimeoutMillis how long after sending it something must be read, else the link is recycled; 0 awaits
 *     nothing ({@code heartbeatReplyTimeoutMillis})
 */
public record Heartbeat(long intervalMillis, byte[] payload, byte[] wire, long replyTimeoutMillis) {

    /**
     * @param intervalMillis {@code heartbeatIntervalMillis}; null or 0 for no heartbeat
     * @param frame {@code heartbeatFrame}, written like {@code delimiter}: text with escapes or {@code 0x} hex
     * @param replyTimeoutMillis {@code heartbeatReplyTimeoutMillis}; null or 0 awaits no answer
     * @param framing the link's framing
     * @return the heartbeat, or {@code null} for none
     * @throws InvalidPropertyException naming the property whose value is bad or that lacks its companion
     */
    public static Heartbeat of(Integer intervalMillis, String frame, Integer replyTimeoutMillis, Framing framing)
            throws InvalidPropertyException {
        int interval = PropertyCheck.between("heartbeatIntervalMillis", intervalMillis == null ? 0 : intervalMillis,
                0, Integer.MAX_VALUE);
        int reply = PropertyCheck.between("heartbeatReplyTimeoutMillis",
                replyTimeoutMillis == null ? 0 : replyTimeoutMillis, 0, Integer.MAX_VALUE);
        boolean framed = frame != null && !frame.isEmpty();
        if (interval == 0) {
            if (framed || reply > 0) {
                throw PropertyCheck.invalid("heartbeatIntervalMillis", intervalMillis, "must be above 0 when "
                        + (framed ? "heartbeatFrame" : "heartbeatReplyTimeoutMillis") + " is set: it says when the "
                        + "heartbeat is sent");
            }
            return null;
        }
        if (!framed) {
            throw PropertyCheck.invalid("heartbeatFrame", frame, "is required with heartbeatIntervalMillis ("
                    + interval + "): the frame an idle link sends, as text with escapes (\\r, \\xNN) or as 0x hex");
        }
        try {
            byte[] payload = ByteSequences.parse(frame);
            return new Heartbeat(interval, payload, framing.encode(payload), reply);
        } catch (IllegalArgumentException | FramingException e) {
            throw PropertyCheck.invalid("heartbeatFrame", frame, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "heartbeat after " + intervalMillis + " ms of silence, "
                + (replyTimeoutMillis == 0 ? "no answer awaited" : "answered within " + replyTimeoutMillis + " ms");
    }
}
