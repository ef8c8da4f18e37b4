package io.github.tcpadapter.inbound;

import io.github.tcpadapter.framing.Framing;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;

/**
 * The validated configuration of one inbound listener.
 *
 * @param bindAddress the local address to listen on
 * @param port the port to listen on
 * @param framing the wire format of received frames and replies
 * @param charset the charset of text payloads
 */
public record ListenerSettings(String bindAddress, int port, Framing framing, Charset charset) {

    InetSocketAddress localAddress() {
        return new InetSocketAddress(bindAddress, port);
    }
}
