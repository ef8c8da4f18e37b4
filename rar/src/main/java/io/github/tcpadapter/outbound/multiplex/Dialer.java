package io.github.tcpadapter.outbound.multiplex;

import jakarta.resource.ResourceException;
import java.nio.channels.SocketChannel;

/** Opens a link's socket: tries the configured hosts in the factory's failover order, as the pooled connections do. */
@FunctionalInterface
public interface Dialer {

    /**
     * Blocks for at most the factory's connect timeout per host; never called on an event loop.
     *
     * @return a connected socket and the target it reached
     * @throws ResourceException naming each host tried and why it failed
     */
    Dialed dial() throws ResourceException;

    /**
     * @param channel a connected socket, not used by anything else yet
     * @param peer the target it is connected to, as configured ("host:port"), for messages
     */
    record Dialed(SocketChannel channel, String peer) {
    }
}
