package io.github.tcpadapter.inbound;

import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.inbound.admission.ListenerSecurity;
import io.github.tcpadapter.inbound.delivery.DeliveryMode;
import io.github.tcpadapter.inbound.delivery.OnError;
import java.nio.charset.Charset;

/**
 * The validated configuration of one inbound listener; see {@link TcpActivationSpec} for each property's meaning.
 *
 * @param bindAddress the local address to listen on
 * @param port the port to listen on
 * @param framing the wire format of received frames and replies
 * @param charset the charset of text payloads
 * @param backlog the accept queue length of the server socket
 * @param maxConnections how many connections may be open at once
 * @param maxConnectionsPerAddress how many of them one client address may hold; 0 for no limit of its own
 * @param maxConcurrency how many connections may be delivering to the bean at once; 0 for no limit of our own
 * @param maxPendingFrames how many received frames one connection may have waiting for the bean
 * @param maxPendingBytes how many received bytes, decoded or not, all connections together may hold for the bean
 * @param idleTimeoutMillis after how long without traffic a connection is closed; 0 for never
 * @param writeTimeoutMillis how long a client may leave the listener's writes to it waiting
 * @param onError what a failure of the bean does to its connection
 * @param shutdownTimeoutMillis how long stopping waits for frames being delivered
 * @param nativeTransport whether to use epoll when this platform has it
 * @param sendBufferSize SO_SNDBUF of accepted connections in bytes; 0 leaves the OS default
 * @param receiveBufferSize SO_RCVBUF of accepted connections in bytes; 0 leaves the OS default
 * @param security who may connect, and TLS
 * @param clientMode the peers to connect out to instead of listening; {@code null} for a listener that accepts
 * @param pairing how {@code requestAsync} pairs replies; {@code null} without {@code correlation}
 * @param ioThreads how many event loops serve the connections
 * @param delivery which thread calls the bean
 * @param inlineMaxMillis with {@code INLINE}: how long a call on the I/O thread may take before calls are handed off
 */
public record ListenerSettings(String bindAddress, int port, Framing framing, Charset charset, int backlog,
        int maxConnections, int maxConnectionsPerAddress, int maxConcurrency, int maxPendingFrames, long maxPendingBytes, long idleTimeoutMillis,
        long writeTimeoutMillis, OnError onError, long shutdownTimeoutMillis, boolean nativeTransport,
        int sendBufferSize, int receiveBufferSize, ListenerSecurity security, ClientMode clientMode, ReplyPairing pairing,
        int ioThreads, DeliveryMode delivery, long inlineMaxMillis) {

    /** @return these settings with another framing */
    public ListenerSettings withFraming(Framing other) {
        return new ListenerSettings(bindAddress, port, other, charset, backlog, maxConnections,
                maxConnectionsPerAddress, maxConcurrency,
                maxPendingFrames, maxPendingBytes, idleTimeoutMillis, writeTimeoutMillis, onError,
                shutdownTimeoutMillis, nativeTransport, sendBufferSize, receiveBufferSize, security, clientMode,
                pairing, ioThreads, delivery, inlineMaxMillis);
    }

    /** @return the effective configuration, for the listener's start line */
    @Override
    public String toString() {
        // a client-mode listener accepts nobody: the accepting limits do not apply to it
        String accepting = clientMode != null ? clientMode + ", " : "maxConnections " + maxConnections
                + ", maxConnectionsPerAddress " + (maxConnectionsPerAddress == 0 ? "unlimited" : maxConnectionsPerAddress)
                + ", backlog " + backlog + ", ";
        return security + ", framing " + framing + ", charset " + charset + ", " + accepting
                + "maxConcurrency " + (maxConcurrency == 0 ? "unlimited" : maxConcurrency) + ", maxPendingFrames "
                + maxPendingFrames + ", maxPendingBytes " + maxPendingBytes + ", idleTimeoutMillis "
                + idleTimeoutMillis + ", writeTimeoutMillis " + writeTimeoutMillis + ", onError " + onError
                + ", shutdownTimeoutMillis " + shutdownTimeoutMillis
                + (sendBufferSize > 0 ? ", sendBufferSize " + sendBufferSize : "")
                + (receiveBufferSize > 0 ? ", receiveBufferSize " + receiveBufferSize : "")
                + (pairing == null ? "" : ", " + pairing) + ", ioThreads " + ioThreads + ", delivery " + delivery
                + (delivery == DeliveryMode.INLINE ? " (inlineMaxMillis " + inlineMaxMillis + ")" : "");
    }
}
