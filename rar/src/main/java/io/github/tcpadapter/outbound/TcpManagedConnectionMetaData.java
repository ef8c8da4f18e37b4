package io.github.tcpadapter.outbound;

import jakarta.resource.spi.ManagedConnectionMetaData;

/** Describes a managed connection: the peer it talks to. */
final class TcpManagedConnectionMetaData implements ManagedConnectionMetaData {

    private final String target;

    TcpManagedConnectionMetaData(String target) {
        this.target = target;
    }

    @Override
    public String getEISProductName() {
        return "TCP peer " + target;
    }

    @Override
    public String getEISProductVersion() {
        return "unknown";
    }

    /** @return 0: the adapter sets no limit; the pool's maximum size does */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    /** @return an empty name: TCP connections carry no user identity */
    @Override
    public String getUserName() {
        return "";
    }
}
