package io.github.tcpadapter.outbound;

import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.management.ConnectionFactoryMXBean;
import io.github.tcpadapter.metrics.MBeans;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;

/**
 * The statistics and {@link ConnectionFactoryMXBean} of each factory configuration, shared by every factory
 * instance with that configuration (the server may create several for one pool), under
 * {@code io.github.tcpadapter:type=ConnectionFactory,name=<targets>}. The MBean is registered for factories that a
 * resource adapter runs, from their creation to {@link #unregisterAll()} when it stops. Reads the counters when
 * asked: nothing here runs per request.
 */
public final class FactoryManagement implements ConnectionFactoryMXBean {

    // guarded by the class: the configurations in use in this class loader, usually a handful
    private static final List<FactoryManagement> ALL = new ArrayList<>();

    private final List<Object> configuration;
    private final String targets;
    private final String displayName;
    private final HostSelector selector;
    private final String framing;
    private final boolean tls;
    private final OutboundStatistics statistics = new OutboundStatistics();
    private ObjectName registered; // guarded by the class

    // a snapshot: a factory's properties could still be set after it was first used
    private FactoryManagement(TcpManagedConnectionFactory factory, String displayName, HostSelector selector,
            Framing framing) {
        this.configuration = factory.configuration();
        this.targets = factory.target();
        this.displayName = displayName;
        this.selector = selector;
        this.framing = String.valueOf(framing);
        this.tls = Boolean.TRUE.equals(factory.getSsl());
    }

    /**
     * @param factory a validated factory
     * @param selector the order of its targets
     * @param framing its wire format
     * @return the management of the factory's configuration, created with the first factory that has it
     */
    static synchronized FactoryManagement of(TcpManagedConnectionFactory factory, HostSelector selector,
            Framing framing) {
        List<Object> configuration = factory.configuration();
        for (FactoryManagement management : ALL) {
            if (management.configuration.equals(configuration)) {
                return management;
            }
        }
        // another configuration for the same targets (another framing, say) gets a numbered name
        String target = factory.target();
        long sameTarget = ALL.stream().filter(management -> management.targets.equals(target)).count();
        FactoryManagement management = new FactoryManagement(factory,
                sameTarget == 0 ? target : target + " #" + (sameTarget + 1), selector, framing);
        ALL.add(management);
        return management;
    }

    OutboundStatistics statistics() {
        return statistics;
    }

    /** Registers the MBean, unless it is registered already: the factory is run by a resource adapter. */
    void register() {
        synchronized (FactoryManagement.class) {
            if (registered != null) {
                return;
            }
            ObjectName name = MBeans.name(MBeans.DOMAIN + ":type=ConnectionFactory,name="
                    + ObjectName.quote(displayName));
            if (MBeans.register(this, ConnectionFactoryMXBean.class, name)) {
                registered = name;
            }
        }
    }

    /** Unregisters every factory's MBean and forgets their statistics: the adapter stops. */
    public static synchronized void unregisterAll() {
        for (FactoryManagement management : ALL) {
            if (management.registered != null) {
                MBeans.unregister(management.registered);
            }
        }
        ALL.clear();
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
