package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class SocketOptionsTest {

    @Test
    void everyOptionIsSetOnTheSocket() throws Exception {
        InetAddress local = InetAddress.getByName("127.0.0.1");
        try (Socket socket = new Socket()) {
            new SocketOptions(true, false, 32_768, 65_536, 3, local).applyTo(socket);

            assertThat(socket.getKeepAlive()).isTrue();
            assertThat(socket.getTcpNoDelay()).isFalse();
            // the OS may round buffer sizes (Linux doubles them), never below what was asked
            assertThat(socket.getSendBufferSize()).isGreaterThanOrEqualTo(32_768);
            assertThat(socket.getReceiveBufferSize()).isGreaterThanOrEqualTo(65_536);
            assertThat(socket.getSoLinger()).isEqualTo(3);
            assertThat(((InetSocketAddress) socket.getLocalSocketAddress()).getAddress()).isEqualTo(local);
        }
    }

    @Test
    void unsetOptionsKeepTheOperatingSystemsDefaults() throws Exception {
        try (Socket plain = new Socket(); Socket configured = new Socket()) {
            new SocketOptions(false, true, null, null, null, null).applyTo(configured);

            assertThat(configured.getSendBufferSize()).isEqualTo(plain.getSendBufferSize());
            assertThat(configured.getReceiveBufferSize()).isEqualTo(plain.getReceiveBufferSize());
            assertThat(configured.getSoLinger()).isEqualTo(-1);
            assertThat(configured.isBound()).isFalse();
            assertThat(configured.getTcpNoDelay()).isTrue();
        }
    }
}
