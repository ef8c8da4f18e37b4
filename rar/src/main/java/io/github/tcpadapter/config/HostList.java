package io.github.tcpadapter.config;

import jakarta.resource.spi.InvalidPropertyException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a property listing peers: comma-separated {@code host} or {@code host:port} entries, IPv6 addresses in
 * brackets ({@code [::1]:4000}). The outbound factory's {@code host} and a client-mode listener's {@code connectTo}
 * share it.
 */
public final class HostList {

    private HostList() {
    }

    /**
     * @param property the property's name, for the messages
     * @param hosts the property's value
     * @param defaultPort the port of entries that name none; {@code null} if every entry must name one
     * @param defaultPortProperty the property {@code defaultPort} comes from, named when an entry lacks a port and
     *     there is no default; {@code null} names {@code property} then
     * @return the peers in the configured order, unresolved
     * @throws InvalidPropertyException naming the property if an entry is malformed or has no port
     */
    public static List<InetSocketAddress> parse(String property, String hosts, Integer defaultPort,
            String defaultPortProperty) throws InvalidPropertyException {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (String entry : PropertyCheck.notBlank(property, hosts).split(",")) {
            peers.add(parse(property, entry.trim(), hosts, defaultPort, defaultPortProperty));
        }
        return List.copyOf(peers);
    }

    private static InetSocketAddress parse(String property, String entry, String hosts, Integer defaultPort,
            String defaultPortProperty) throws InvalidPropertyException {
        String host = entry;
        String port = null;
        if (entry.startsWith("[") && entry.indexOf(']') > 0) {
            int close = entry.indexOf(']');
            host = entry.substring(1, close);
            String rest = entry.substring(close + 1);
            port = rest.startsWith(":") ? rest.substring(1) : rest.isEmpty() ? null : rest;
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            // one colon: host:port; several: a bare IPv6 address
            host = entry.substring(0, entry.indexOf(':'));
            port = entry.substring(entry.indexOf(':') + 1);
        }
        if (host.isBlank()) {
            throw PropertyCheck.invalid(property, hosts, "entry '" + entry + "' has no host name");
        }
        if (port == null) {
            if (defaultPort == null) {
                throw defaultPortProperty == null
                        ? PropertyCheck.invalid(property, hosts, "entry '" + entry + "' names no port")
                        : PropertyCheck.invalid(defaultPortProperty, null, "is required for " + property
                                + " entry '" + entry + "', which names no port");
            }
            return InetSocketAddress.createUnresolved(host.trim(), PropertyCheck.port(defaultPortProperty,
                    defaultPort));
        }
        return InetSocketAddress.createUnresolved(host.trim(), entryPort(property, port.trim(), entry, hosts));
    }

    private static int entryPort(String property, String port, String entry, String hosts)
            throws InvalidPropertyException {
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65_535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the property
        }
        throw PropertyCheck.invalid(property, hosts, "entry '" + entry + "' must end with a port between 1 and 65535");
    }

    /** @return the peer as configured, {@code host:port} or {@code [v6]:port} */
    public static String toString(InetSocketAddress peer) {
        String host = peer.getHostString();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + peer.getPort() : host + ":" + peer.getPort();
    }
}
