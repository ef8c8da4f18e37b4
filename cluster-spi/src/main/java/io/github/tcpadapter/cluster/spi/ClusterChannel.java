package io.github.tcpadapter.cluster.spi;

import java.util.Collection;
import java.util.concurrent.CompletionStage;

/** The adapter's channel in a server's cluster: who is in it, and one-way messages to a member. Thread-safe. */
public interface ClusterChannel extends AutoCloseable {

    /** @return this server's member */
    ClusterMember local();

    /** @return the members of the cluster now, this one among them */
    Collection<ClusterMember> members();

    /**
     * Starts delivering the messages sent to this member on the channel, and the members that join and leave.
     *
     * @param receiver what to deliver to, from now until {@link #close}
     */
    void start(ClusterReceiver receiver);

    /**
     * Sends a message to one member without waiting for it: never blocks the caller. Messages to one member sent
     * from one thread arrive in order; a member that is gone or hangs never gets them, and nothing says so but the
     * stage, if even that: the adapter bounds every exchange with a timeout of its own.
     *
     * @param to the member
     * @param message the bytes
     * @return completes once the engine took the message, exceptionally if it could not
     */
    CompletionStage<Void> send(ClusterMember to, byte[] message);

    /** Leaves the channel: no more deliveries; the cluster engine itself stays, it is the server's. */
    @Override
    void close();
}
