package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpMetaData;
import jakarta.resource.spi.ManagedConnectionMetaData;

/**
 * Describes a managed connection. A raw TCP peer cannot be identified, so the product reported is this adapter;
 * {@link #peer()} names the peer the connection is open to.
 */
final class TcpManagedConnectionMetaData implements ManagedConnectionMetaData {

    private final TcpMetaData metaData;

    TcpManagedConnectionMetaData(TcpMetaData metaData) {
        this.metaData = metaData;
    }

    /** @return the adapter's name, with the peer: {@code TCP Resource Adapter (peer host:port)} */
    @Override
    public String getEISProductName() {
        return metaData.productName() + " (peer " + metaData.peer() + ")";
    }

    /** @return the adapter's version */
    @Override
    public String getEISProductVersion() {
        return metaData.productVersion();
    }

    /** @return 0: the adapter sets no limit; the pool's maximum size does */
    @Override
    public int getMaxConnections() {
        return metaData.maxConnections();
    }

    /** @return an empty name: TCP connections carry no user identity */
    @Override
    public String getUserName() {
        return "";
    }

    /** @return the peer the connection is open to, {@code host:port} */
    String peer() {
        return metaData.peer();
    }
}
