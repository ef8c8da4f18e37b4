package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpMetaData;

/** The adapter's name and version, as metadata reports them. */
final class AdapterProduct {

    static final String NAME = "TCP Resource Adapter";

    private AdapterProduct() {
    }

    /** @return the version in the adapter jar's manifest, or {@code unknown} when run from classes */
    static String version() {
        String version = AdapterProduct.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /**
     * @param peer the peer, as {@code host:port} or a list of them
     * @return the metadata of a factory or connection to that peer
     */
    static TcpMetaData metaData(String peer) {
        return new TcpMetaData(NAME, version(), peer, 0);
    }
}
