package io.github.tcpadapter.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The socket options of outbound connections; {@code null} leaves an option at the operating system's default.
 *
 * @param keepAlive SO_KEEPALIVE
 * @param tcpNoDelay TCP_NODELAY: send small frames at once instead of waiting to fill a segment
 * @param sendBufferSize SO_SNDBUF in bytes, or {@code null}
 * @param receiveBufferSize SO_RCVBUF in bytes, or {@code null}
 * @param soLingerSeconds SO_LINGER in seconds, or {@code null} for no linger
 * @param localAddress the local address to connect from, or {@code null} for any
 */
record SocketOptions(boolean keepAlive, boolean tcpNoDelay, Integer sendBufferSize, Integer receiveBufferSize,
        Integer soLingerSeconds, InetAddress localAddress) {

    /**
     * Sets the options on a socket that is not connected yet, and binds it to the local address if one is set.
     *
     * @param socket a new, unconnected socket
     * @throws IOException if the operating system refuses an option or the local address
     */
    void applyTo(Socket socket) throws IOException {
        socket.setKeepAlive(keepAlive);
        socket.setTcpNoDelay(tcpNoDelay);
        if (sendBufferSize != null) {
            socket.setSendBufferSize(sendBufferSize);
        }
        // set before connecting: the window scale is agreed in the handshake
        if (receiveBufferSize != null) {
            socket.setReceiveBufferSize(receiveBufferSize);
        }
        if (soLingerSeconds != null) {
            socket.setSoLinger(true, soLingerSeconds);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
    }
}
