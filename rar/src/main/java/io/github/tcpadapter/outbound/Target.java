package io.github.tcpadapter.outbound;

import io.github.tcpadapter.config.HostList;
import jakarta.resource.spi.InvalidPropertyException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One peer address as configured: a host name or IP address and a port.
 *
 * @param host the host name or IP address
 * @param port the TCP port
 */
record Target(String host, int port) {

    /**
     * Parses the {@code host} property: a comma-separated list of {@code host} or {@code host:port} entries
     * (IPv6 addresses in brackets, {@code [::1]:4000}).
     *
     * @param hosts the {@code host} property
     * @param defaultPort the {@code port} property, for entries without a port; may be {@code null}
     * @return the targets, in the configured order
     * @throws InvalidPropertyException naming {@code host} or {@code port} if an entry is malformed or has no port
     */
    static List<Target> parseAll(String hosts, Integer defaultPort) throws InvalidPropertyException {
        return HostList.parse("host", hosts, defaultPort, "port").stream()
                .map(peer -> new Target(peer.getHostString(), peer.getPort()))
                .toList();
    }

    @Override
    public String toString() {
        return HostList.toString(InetSocketAddress.createUnresolved(host, port));
    }
}
