package io.github.tcpadapter.outbound;

import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.ArrayList;
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
        List<Target> targets = new ArrayList<>();
        for (String entry : PropertyCheck.notBlank("host", hosts).split(",")) {
            targets.add(parse(entry.trim(), hosts, defaultPort));
        }
        return List.copyOf(targets);
    }

    private static Target parse(String entry, String hosts, Integer defaultPort) throws InvalidPropertyException {
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
            throw PropertyCheck.invalid("host", hosts, "entry '" + entry + "' has no host name");
        }
        if (port == null) {
            if (defaultPort == null) {
                throw PropertyCheck.invalid("port", null, "is required for host entry '" + entry
                        + "', which names no port");
            }
            return new Target(host.trim(), PropertyCheck.port("port", defaultPort));
        }
        return new Target(host.trim(), entryPort(port.trim(), entry, hosts));
    }

    private static int entryPort(String port, String entry, String hosts) throws InvalidPropertyException {
        try {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65_535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the property
        }
        throw PropertyCheck.invalid("host", hosts, "entry '" + entry + "' must end with a port between 1 and 65535");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
