package io.github.tcpadapter.api;

import java.io.Serializable;

/**
 * What a {@link TcpConnectionFactory} reports about itself. A raw TCP peer cannot be identified, so the product is
 * this adapter.
 *
 * @param productName the adapter's name
 * @param productVersion the adapter's version, from its jar's manifest ({@code unknown} outside a built jar)
 * @param peer the configured peer, {@code host:port} or a comma-separated list of them
 * @param maxConnections the most connections the adapter allows, 0 when only the server's pool sets a limit
 */
public record TcpMetaData(String productName, String productVersion, String peer, int maxConnections)
        implements Serializable {
}
