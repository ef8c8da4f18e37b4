package io.github.tcpadapter.inbound;

import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.LineFraming;
import java.net.InetSocketAddress;

/**
 * The validated configuration of one inbound listener.
 *
 * @param bindAddress the local address to listen on
 * @param port the port to listen on
 * @param maxFrameLength the longest frame accepted or replied
 */
public record ListenerSettings(String bindAddress, int port, int maxFrameLength) {

    InetSocketAddress localAddress() {
        return new InetSocketAddress(bindAddress, port);
    }

    Framing framing() {
        return new LineFraming(maxFrameLength);
    }
}
