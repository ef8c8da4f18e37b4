package io.github.tcpadapter.cluster.spi;

import java.util.Optional;

/**
 * Finds the cluster the server belongs to. Listed in {@code META-INF/services}; the adapter asks each provider its
 * class loader sees, in order, and uses the first cluster found. A provider must load on any server: it names the
 * engine's classes only once it has found the engine.
 */
public interface ClusterProvider {

    /**
     * Joins the adapter's channel of the server's cluster. Returns within seconds: it may look the engine up, never
     * wait for other members.
     *
     * @param channel the adapter's channel: messages of other channels never reach it
     * @return the channel, not yet delivering (see {@link ClusterChannel#start}); empty if this server runs no
     *     cluster engine this provider knows (another server, or the engine is switched off)
     * @throws Exception if the engine is there but the channel cannot be opened; the adapter then logs it and keeps
     *     its sessions to this server
     */
    Optional<ClusterChannel> open(String channel) throws Exception;
}
