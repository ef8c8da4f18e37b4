package io.github.tcpadapter.cluster.payara;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import io.github.tcpadapter.cluster.spi.ClusterChannel;
import io.github.tcpadapter.cluster.spi.ClusterMember;
import io.github.tcpadapter.cluster.spi.ClusterReceiver;

import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The adapter's channel on a Hazelcast cluster it does not own (Payara's data grid). Each member listens on its own
 * topic, {@code <channel>.<member UUID>}; only byte arrays cross the wire, so Hazelcast never needs a class of the
 * adapter (Payara's Hazelcast could not load one).
 *
 * <p>Threads. The receiver is called on Hazelcast's threads: its event threads ({@code hz.<instance>.event-N},
 * shared by every listener of the server's data grid: it must never block them), or for a member that joined, the
 * response thread that brought its name, or the JDK's delay scheduler if no name came. {@link #send} runs on the caller's thread and returns once Hazelcast has queued the message,
 * except that Hazelcast sends every 100,000th event of the node synchronously and waits for it up to
 * {@code hazelcast.event.sync.timeout.millis} (5 s).
 *
 * <p>Order. The topics are plain {@code ITopic}s without global ordering: the sender serializes and queues each
 * message on its one connection to the member in the order published, and the member hands every event of one topic
 * to the same event thread (the topic's name is the order key), so what one thread sends to one member arrives in
 * order.
 */
final class HazelcastChannel implements ClusterChannel {

    /** How long a member that joined may stay unnamed by Payara before it is announced by its address. */
    static final Duration NAME_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(HazelcastChannel.class.getName());

    private final HazelcastInstance hazelcast;
    private final String channel;
    private final MemberNames names;
    private volatile boolean closed;
    private UUID localId; // guarded by this: the topic listened to is this member's of the moment
    // the registrations of this channel's listeners, guarded by this
    private UUID messages;
    private UUID membership;
    private UUID lifecycle;

    /**
     * @param hazelcast a running instance, the server's
     * @param channel the adapter's channel: the prefix of its topics
     * @param nameWait see {@link #NAME_WAIT}
     */
    HazelcastChannel(HazelcastInstance hazelcast, String channel, Duration nameWait) {
        this.hazelcast = hazelcast;
        this.channel = channel;
        this.names = new MemberNames(hazelcast.getCluster().getMembers(), hazelcast.getMap(MemberNames.MAP), nameWait);
    }

    /**
     * Opens the channel on what the server bound as its data grid.
     *
     * @param dataGrid what was found
     * @param source where it was found, for the error
     * @param channel the adapter's channel
     * @return the channel; empty if the instance no longer runs (its data grid was switched off)
     * @throws IllegalStateException if the object is no Hazelcast instance this class loader knows
     */
    static Optional<ClusterChannel> open(Object dataGrid, String source, String channel) {
        if (!(dataGrid instanceof HazelcastInstance hazelcast)) {
            throw new IllegalStateException(source + " holds " + (dataGrid == null ? "null" : "a "
                    + dataGrid.getClass().getName() + " of " + dataGrid.getClass().getClassLoader())
                    + ", not a HazelcastInstance of the adapter's class loader");
        }
        if (!hazelcast.getLifecycleService().isRunning()) {
            return Optional.empty();
        }
        return Optional.of(new HazelcastChannel(hazelcast, channel, NAME_WAIT));
    }

    @Override
    public ClusterMember local() {
        return names.of(hazelcast.getCluster().getLocalMember());
    }

    @Override
    public Collection<ClusterMember> members() {
        return hazelcast.getCluster().getMembers().stream().map(names::of).toList();
    }

    @Override
    public synchronized void start(ClusterReceiver receiver) {
        Objects.requireNonNull(receiver, "receiver");
        if (closed || messages != null) {
            throw new IllegalStateException("Channel " + channel + " is " + (closed ? "closed" : "started already"));
        }
        membership = hazelcast.getCluster().addMembershipListener(new Membership(receiver));
        lifecycle = hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.MERGED) {
                listenAsMerged(receiver);
            }
        });
        try {
            localId = hazelcast.getCluster().getLocalMember().getUuid();
            messages = topic(localId).addMessageListener(message -> deliver(receiver, message));
        } catch (RuntimeException e) {
            hazelcast.getCluster().removeMembershipListener(membership);
            hazelcast.getLifecycleService().removeLifecycleListener(lifecycle);
            membership = null;
            lifecycle = null;
            throw e;
        }
    }

    @Override
    public CompletionStage<Void> send(ClusterMember to, byte[] message) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        if (closed) {
            return CompletableFuture.failedStage(new IllegalStateException("Channel " + channel + " is closed"));
        }
        Optional<UUID> member = present(to.id());
        if (member.isEmpty()) {
            return CompletableFuture.failedStage(
                    new IllegalArgumentException(to + " is not a member of the data grid now"));
        }
        CompletableFuture<Void> taken = new CompletableFuture<>();
        try {
            topic(member.get()).publishAsync(message).whenComplete((ignored, failure) -> {
                if (failure == null) {
                    taken.complete(null);
                } else {
                    taken.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            taken.completeExceptionally(e);
        }
        return taken;
    }

    /** Removes this channel's listeners; the topics stay, and so does Hazelcast: both are the server's. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (messages != null) {
                topic(localId).removeMessageListener(messages);
                hazelcast.getCluster().removeMembershipListener(membership);
                hazelcast.getLifecycleService().removeLifecycleListener(lifecycle);
            }
            names.close();
        } catch (HazelcastInstanceNotActiveException e) {
            LOG.log(Level.FINE, "The data grid stopped before channel {0} closed: its listeners went with it", channel);
        }
    }

    /**
     * A member that was cut off from the grid (hung past the heartbeat timeout, or partitioned) and merged back into
     * the bigger part has a new UUID: the others send to that one's topic now.
     */
    private synchronized void listenAsMerged(ClusterReceiver receiver) {
        UUID now = hazelcast.getCluster().getLocalMember().getUuid();
        if (closed || now.equals(localId)) {
            return;
        }
        topic(localId).removeMessageListener(messages);
        messages = topic(now).addMessageListener(message -> deliver(receiver, message));
        LOG.log(Level.INFO, "Channel {0}: this member merged back into the data grid as {1} (was {2})",
                new Object[] {channel, now, localId});
        localId = now;
    }

    private void deliver(ClusterReceiver receiver, Message<byte[]> message) {
        if (closed) {
            return;
        }
        Member from = message.getPublishingMember();
        if (from.getUuid() == null) {
            // Hazelcast hands over a member it no longer knows with its address only; its leaving was announced
            LOG.log(Level.FINE, "Dropped a message on channel {0} from {1}, which has left the data grid",
                    new Object[] {channel, from.getAddress()});
            return;
        }
        receiver.received(names.of(from), message.getMessageObject());
    }

    private ITopic<byte[]> topic(UUID member) {
        return hazelcast.getTopic(channel + "." + member);
    }

    private Optional<UUID> present(String id) {
        return hazelcast.getCluster().getMembers().stream()
                .map(Member::getUuid)
                .filter(uuid -> uuid.toString().equals(id))
                .findFirst();
    }

    /** Announces the other members that join and leave. */
    private final class Membership implements MembershipListener {

        private final ClusterReceiver receiver;

        Membership(ClusterReceiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void memberAdded(MembershipEvent event) {
            if (!event.getMember().localMember()) {
                names.whenNamed(event.getMember(), member -> {
                    if (!closed) {
                        receiver.joined(member);
                    }
                });
            }
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            if (!event.getMember().localMember()) {
                ClusterMember member = names.forget(event.getMember());
                if (!closed) {
                    receiver.left(member);
                }
            }
        }
    }
}
