package io.github.tcpadapter.outbound;

import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.management.ConnectionFactoryMXBean;
import io.github.tcpadapter.metrics.MBeans;
import io.github.tcpadapter.outbound.multiplex.Dialer;
import io.github.tcpadapter.conversation.RequestCounters;
import io.github.tcpadapter.outbound.multiplex.MultiplexSettings;
import io.github.tcpadapter.outbound.multiplex.Multiplexer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
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
    private final MultiplexSettings multiplexing; // null in pooled synchronous mode
    private ObjectName registered; // guarded by this
    private Multiplexer multiplexer; // guarded by this: made on the first requestAsync
    private boolean closed; // guarded by this

    /**
     * A snapshot: a factory's properties could still be set after it was first used.
     *
     * @param factory a validated factory
     * @param selector the order of its targets
     * @param framing its wire format
     * @param multiplexing how it multiplexes requests, or {@code null} for none
     */
    FactoryManagement(TcpManagedConnectionFactory factory, HostSelector selector, Framing framing,
            MultiplexSettings multiplexing) {
        this.multiplexing = multiplexing;
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

    /**
     * The shared links of a multiplexed configuration: they belong to the configuration in use, not to a pooled
     * connection, and go when it goes ({@link #close()}).
     *
     * @param dialer opens a link's socket
     * @param works runs the links' event loop, connects and completions
     * @return the configuration's multiplexer, made on first use; empty in pooled synchronous mode or once closed
     */
    synchronized Optional<Multiplexer> multiplexer(Dialer dialer, BiFunction<String, Boolean, Executor> works) {
        if (multiplexing == null || closed) {
            return Optional.empty();
        }
        if (multiplexer == null) {
            multiplexer = new Multiplexer(multiplexing, dialer, works);
        }
        return Optional.of(multiplexer);
    }

    /** The configuration is no longer in use: unregisters the MBean and closes the multiplexed links, if any. */
    void close() {
        Multiplexer links;
        synchronized (this) {
            closed = true;
            links = multiplexer;
            unregister();
        }
        if (links != null) {
            links.close(); // outside the lock: it waits for the event loop to end
        }
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

    @Override
    public String getCorrelation() {
        return multiplexing == null ? "NONE" : multiplexing.correlation();
    }

    @Override
    public String[] getLinkStates() {
        return multiplexed().map(links -> links.linkStates().toArray(String[]::new)).orElse(new String[0]);
    }

    @Override
    public int getAsyncRequestsInFlight() {
        return asyncRequestsInFlight();
    }

    int asyncRequestsInFlight() {
        return multiplexed().map(Multiplexer::inFlight).orElse(0);
    }

    @Override
    public long getAsyncReplies() {
        return counter(RequestCounters::replies);
    }

    @Override
    public long getAsyncTimeouts() {
        return counter(RequestCounters::timeouts);
    }

    @Override
    public long getAsyncFailures() {
        return counter(RequestCounters::failed);
    }

    @Override
    public long getAsyncRefusedFull() {
        return counter(RequestCounters::refusedFull);
    }

    @Override
    public long getDuplicateKeysRefused() {
        return counter(RequestCounters::duplicateKeysRefused);
    }

    @Override
    public long getLateReplies() {
        return counter(RequestCounters::lateReplies);
    }

    @Override
    public long getUnmatchedFrames() {
        return counter(RequestCounters::unmatchedFrames);
    }

    @Override
    public long getHeartbeatsSent() {
        return multiplexed().map(links -> links.heartbeats().heartbeatsSent()).orElse(0L);
    }

    @Override
    public long getHeartbeatsMissed() {
        return multiplexed().map(links -> links.heartbeats().heartbeatsMissed()).orElse(0L);
    }

    private synchronized Optional<Multiplexer> multiplexed() {
        return Optional.ofNullable(multiplexer);
    }

    private long counter(ToLongFunction<RequestCounters> counter) {
        return multiplexed().map(links -> counter.applyAsLong(links.counters())).orElse(0L);
    }
}
