package io.github.tcpadapter.cluster;

import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.cluster.spi.ClusterChannel;
import io.github.tcpadapter.cluster.spi.ClusterProvider;
import io.github.tcpadapter.inbound.session.SessionRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sessions applications see: this server's, and in a cluster those of every member, each reached through its
 * member. Frame captures stay with this server's listeners.
 */
public final class ClusterSessions implements TcpSessions {

    /** The adapter's channel in the server's cluster. */
    static final String CHANNEL = "tcp-adapter.sessions";
    private static final Logger LOG = Logger.getLogger(ClusterSessions.class.getName());

    private final SessionRegistry local;
    private final ClusterNode node; // null: no cluster

    private ClusterSessions(SessionRegistry local, ClusterNode node) {
        this.local = local;
        this.node = node;
    }

    /**
     * Joins the server's cluster if a {@link ClusterProvider} the class loader sees finds one; else the sessions are
     * this server's.
     *
     * @param local this server's sessions
     * @param loader where to look for providers: the RAR's
     */
    public static ClusterSessions open(SessionRegistry local, ClassLoader loader) {
        return new ClusterSessions(local, channel(loader).map(channel -> ClusterNode.start(channel, local))
                .orElse(null));
    }

    /** @return sessions over a channel already open: what {@link #open} does with the channel a provider found */
    static ClusterSessions over(ClusterChannel channel, SessionRegistry local) {
        return new ClusterSessions(local, ClusterNode.start(channel, local));
    }

    private static Optional<ClusterChannel> channel(ClassLoader loader) {
        try {
            for (ClusterProvider provider : ServiceLoader.load(ClusterProvider.class, loader)) {
                try {
                    Optional<ClusterChannel> channel = provider.open(CHANNEL);
                    if (channel.isPresent()) {
                        return channel;
                    }
                } catch (Exception | LinkageError e) {
                    LOG.log(Level.WARNING, "The cluster of " + provider.getClass().getName() + " is there but cannot "
                            + "be joined: sessions stay this server's (" + e + ")", e);
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.log(Level.WARNING, "A cluster provider cannot be loaded: sessions stay this server's", e);
        }
        return Optional.empty();
    }

    /** Leaves the cluster, if in one. */
    public void close() {
        if (node != null) {
            node.stop();
        }
    }

    /** @return whether the sessions are a cluster's */
    public boolean clustered() {
        return node != null;
    }

    @Override
    public Optional<TcpSession> find(String id) {
        Optional<TcpSession> here = local.find(id);
        return here.isPresent() || node == null || id == null ? here : node.find(id);
    }

    /** @return this server's sessions on the port first, then those of the other members */
    @Override
    public Collection<TcpSession> openSessions(int port) {
        Collection<TcpSession> here = local.openSessions(port);
        if (node == null) {
            return here;
        }
        List<TcpSession> all = new ArrayList<>(here);
        all.addAll(node.onPort(port));
        return all;
    }

    @Override
    public TcpFrameCapture capture(int port, String sessionId, int capacity) {
        return local.capture(port, sessionId, capacity);
    }
}
