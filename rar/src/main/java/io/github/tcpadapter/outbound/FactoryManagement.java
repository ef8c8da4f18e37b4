package io.github.tcpadapter.outbound;

import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.management.ConnectionFactoryMXBean;
import io.github.tcpadapter.metrics.MBeans;
import java.util.List;
import javax.management.ObjectName;

/**
 * The statistics and {@link ConnectionFactoryMXBean} of one factory configuration, shared by every factory
 * instance with that configuration (the server may create several for one pool) within one resource adapter
 * instance, under {@code io.github.tcpadapter:type=ConnectionFactory,name=<targets>}; another configuration of the
 * same targets in use at the same time gets a numbered name ({@code <targets> #2}). Its {@link FactoryRegistry}
 * decides how long it lives. Reads the counters when asked: nothing here runs per request.
 */
public final class FactoryManagement implements ConnectionFactoryMXBean {

    // names tried for a configuration whose targets another configuration's MBean names already
    private static final int MAX_NUMBERED_NAMES = 100;

    private final List<Object> configuration;
    private final String targets;
    private final HostSelector selector;
    private final String framing;
    private final boolean tls;
    private final OutboundStatistics statistics = new OutboundStatistics();
    private ObjectName registered; // guarded by this

    /**
     * A snapshot: a factory's properties could still be set after it was first used.
     *
     * @param factory a validated factory
     * @param selector the order of its targets
     * @param framing its wire format
     */
    FactoryManagement(TcpManagedConnectionFactory factory, HostSelector selector, Framing framing) {
        this.configuration = factory.configuration();
        this.targets = factory.target();
        this.selector = selector;
        this.framing = String.valueOf(framing);
        this.tls = Boolean.TRUE.equals(factory.getSsl());
    }

    /** @return the configuration it describes */
    List<Object> configuration() {
        return configuration;
    }

    /** @return the order to try the configuration's targets in, shared by its connections */
    HostSelector selector() {
        return selector;
    }

    OutboundStatistics statistics() {
        return statistics;
    }

    /** Registers the MBean, under the first of its names no other MBean has. */
    synchronized void register() {
        if (registered == null) {
            registered = MBeans.registerFirstFree(this, ConnectionFactoryMXBean.class, MAX_NUMBERED_NAMES,
                    number -> MBeans.name(MBeans.DOMAIN + ":type=ConnectionFactory,name="
                            + ObjectName.quote(number == 1 ? targets : targets + " #" + number)));
        }
    }

    /** Unregisters the MBean, if this registered it. */
    synchronized void unregister() {
        if (registered != null) {
            MBeans.unregister(registered);
            registered = null;
        }
    }

    @Override
    public String getTargets() {
        return targets;
    }

    @Override
    public String[] getHostStates() {
        return selector.states().toArray(String[]::new);
    }

    @Override
    public int getHostsBackingOff() {
        return selector.resting();
    }

    @Override
    public int getHosts() {
        return selector.size();
    }

    @Override
    public String getFraming() {
        return framing;
    }

    @Override
    public boolean isTls() {
        return tls;
    }

    @Override
    public int getSocketsOpen() {
        return statistics.socketsOpen();
    }

    @Override
    public int getSocketsLent() {
        return statistics.socketsLent();
    }

    @Override
    public long getConnects() {
        return statistics.connects.sum();
    }

    @Override
    public long getConnectFailures() {
        return statistics.connectFailures.sum();
    }

    @Override
    public long getCheckoutReplacements() {
        return statistics.checkoutReplacements.sum();
    }

    @Override
    public long getRequests() {
        return statistics.requestMicros.count();
    }

    @Override
    public long getTimeouts() {
        return statistics.timeouts.sum();
    }

    @Override
    public long getPeerClosures() {
        return statistics.peerClosures.sum();
    }

    @Override
    public long getInvalidFrames() {
        return statistics.invalidFrames.sum();
    }

    @Override
    public long getIoErrors() {
        return statistics.ioErrors.sum();
    }

    @Override
    public long getRequestMicrosP50() {
        return statistics.requestMicros.percentile(50);
    }

    @Override
    public long getRequestMicrosP99() {
        return statistics.requestMicros.percentile(99);
    }

    @Override
    public long getRequestMicrosP50LastMinute() {
        return statistics.requestMicros.lastMinutePercentile(50);
    }

    @Override
    public long getRequestMicrosP99LastMinute() {
        return statistics.requestMicros.lastMinutePercentile(99);
    }
}
