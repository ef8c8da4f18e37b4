package io.github.tcpadapter.api;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** One frame received from a TCP client, as delivered to a {@link TcpMessageListener}. */
public final class TcpMessage implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] payload;
    private final InetSocketAddress remoteAddress;

    /**
     * @param payload the frame's bytes, without framing bytes; copied
     * @param remoteAddress the address of the client that sent it
     */
    public TcpMessage(byte[] payload, InetSocketAddress remoteAddress) {
        this.payload = Objects.requireNonNull(payload, "payload").clone();
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /** @return a copy of the frame's bytes, without framing bytes */
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the frame decoded as UTF-8 */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** @return the address of the client that sent the frame */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String toString() {
        return "TcpMessage[" + payload.length + " bytes from " + remoteAddress + "]";
    }
}
