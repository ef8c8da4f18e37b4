package io.github.tcpadapter.heartbeat;

import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.tls.TlsProperties;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;

/**
 * The heartbeat properties shared by the outbound connection factory (its multiplexed sockets) and the inbound
 * activation spec (a client-mode listener's link), on top of the TLS and framing properties: a chain for the reason
 * the {@code config} package gives.
 */
public class HeartbeatProperties extends TlsProperties {

    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "0", description = "On a link kept open (a client-mode listener's, a multiplexed "
            + "factory's sockets): after this many milliseconds with nothing read or written, it sends "
            + "heartbeatFrame, so that firewalls keep it; 0 sends none.")
    private Integer heartbeatIntervalMillis = 0;

    @ConfigProperty(description = "With heartbeatIntervalMillis: the heartbeat's payload, framed like any frame, as "
            + "text with escapes (\\\\r, \\\\xNN) or as 0x hex (0x0800...).")
    private String heartbeatFrame;

    @ConfigProperty(defaultValue = "0", description = "With heartbeatIntervalMillis: how long the heartbeat's answer "
            + "may take, else the link is closed and reconnects; 0 awaits none.")
    private Integer heartbeatReplyTimeoutMillis = 0;

    /**
     * @param framing the link's framing
     * @return the checked heartbeat, or {@code null} for none
     * @throws InvalidPropertyException naming the heartbeat property whose value is bad
     */
    protected final Heartbeat heartbeat(Framing framing) throws InvalidPropertyException {
        return Heartbeat.of(heartbeatIntervalMillis, heartbeatFrame, heartbeatReplyTimeoutMillis, framing);
    }

    public Integer getHeartbeatIntervalMillis() {
        return heartbeatIntervalMillis;
    }

    public void setHeartbeatIntervalMillis(Integer heartbeatIntervalMillis) {
        this.heartbeatIntervalMillis = heartbeatIntervalMillis;
    }

    public String getHeartbeatFrame() {
        return heartbeatFrame;
    }

    public void setHeartbeatFrame(String heartbeatFrame) {
        this.heartbeatFrame = heartbeatFrame;
    }

    public Integer getHeartbeatReplyTimeoutMillis() {
        return heartbeatReplyTimeoutMillis;
    }

    public void setHeartbeatReplyTimeoutMillis(Integer heartbeatReplyTimeoutMillis) {
        this.heartbeatReplyTimeoutMillis = heartbeatReplyTimeoutMillis;
    }
}
