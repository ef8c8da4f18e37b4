package io.github.tcpadapter.cluster.spi;

/**
 * What the adapter does with what the cluster brings. The channel calls it on its own threads; none of the methods
 * blocks, and messages from one member arrive in the order that member sent them from one thread.
 */
public interface ClusterReceiver {

    /**
     * @param from the member that sent it
     * @param message the bytes it sent
     */
    void received(ClusterMember from, byte[] message);

    /** @param member a member that joined the cluster after the channel started */
    void joined(ClusterMember member);

    /** @param member a member that left the cluster: stopped, or found dead by the engine */
    void left(ClusterMember member);
}
