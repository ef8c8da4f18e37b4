package io.github.tcpadapter.inbound;

import io.github.tcpadapter.config.HostList;
import io.github.tcpadapter.conversation.Heartbeat;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a client-mode listener keeps its link: the peers it connects to, in failover order, and its bounds.
 *
 * @param peers the {@code connectTo} entries, unresolved, in the configured order
 * @param connectTimeoutMillis how long one connection attempt may take
 * @param reconnectMaxMillis the longest wait between two rounds of attempts; waits start at
 *     {@value ClientLink#FIRST_BACKOFF_MILLIS} ms and double up to it
 * @param hostnameVerification over TLS, whether a peer's certificate must name the host it was reached by
 * @param heartbeat what the link sends when it is quiet; {@code null} for nothing
 */
record ClientMode(List<InetSocketAddress> peers, long connectTimeoutMillis, long reconnectMaxMillis,
        boolean hostnameVerification, Heartbeat heartbeat) {

    /** @return the peers as configured, for the logs */
    String peerList() {
        return peers.stream().map(HostList::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "connectTo " + peerList() + ", connectTimeoutMillis " + connectTimeoutMillis + ", reconnectMaxMillis "
                + reconnectMaxMillis + (hostnameVerification ? "" : ", hostnameVerification false")
                + (heartbeat == null ? "" : ", " + heartbeat);
    }
}
