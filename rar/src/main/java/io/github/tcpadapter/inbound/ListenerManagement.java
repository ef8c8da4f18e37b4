package io.github.tcpadapter.inbound;

import io.github.tcpadapter.inbound.session.ChannelSession;
import io.github.tcpadapter.management.ListenerMXBean;
import io.github.tcpadapter.metrics.MBeans;
import java.util.Comparator;
import javax.management.ObjectName;

/**
 * A listener's {@link ListenerMXBean} in the platform MBean server (the one application servers expose), from the
 * listener's start to its stop, under {@code io.github.tcpadapter:type=Listener,port=<port>,name=<activation>}.
 * Reads the listener's counters when asked: nothing here runs per frame.
 */
final class ListenerManagement implements ListenerMXBean {

    private final InboundListener listener;
    private final ObjectName name;
    // false if another listener's MBean has the name: that one is not ours to unregister
    private boolean registered;

    private ListenerManagement(InboundListener listener, ObjectName name) {
        this.listener = listener;
        this.name = name;
    }

    /**
     * @param endpointName the activation's name, unique per bean and deployment
     * @return the registration; without one (an MBean of that name exists) the listener runs unobserved, logged
     */
    static ListenerManagement register(InboundListener listener, String endpointName) {
        ObjectName name = MBeans.name(MBeans.DOMAIN + ":type=Listener,port=" + listener.settings().port() + ",name="
                + ObjectName.quote(endpointName));
        ListenerManagement management = new ListenerManagement(listener, name);
        management.registered = MBeans.register(management, ListenerMXBean.class, name);
        return management;
    }

    /** Unregisters the MBean, if this registered it. */
    void unregister() {
        if (registered) {
            MBeans.unregister(name);
            registered = false;
        }
    }

    @Override
    public String getBindAddress() {
        return listener.settings().bindAddress();
    }

    @Override
    public int getPort() {
        return listener.settings().port();
    }

    @Override
    public String getFraming() {
        return String.valueOf(listener.settings().framing());
    }

    @Override
    public boolean isListening() {
        return listener.isListening();
    }

    @Override
    public String getLinkState() {
        ClientLink link = listener.link();
        return link == null ? "" : link.describe();
    }

    @Override
    public long getLinkConnects() {
        ClientLink link = listener.link();
        return link == null ? 0 : link.connects();
    }

    @Override
    public long getLinkFailures() {
        ClientLink link = listener.link();
        return link == null ? 0 : link.failures();
    }

    @Override
    public String getCorrelation() {
        ReplyPairing pairing = listener.settings().pairing();
        return pairing == null ? "NONE" : pairing.correlation();
    }

    @Override
    public int getAsyncRequestsInFlight() {
        return listener.requestsInFlight();
    }

    @Override
    public long getAsyncReplies() {
        return listener.requestCounters().replies();
    }

    @Override
    public long getAsyncTimeouts() {
        return listener.requestCounters().timeouts();
    }

    @Override
    public long getLateReplies() {
        return listener.requestCounters().lateReplies();
    }

    @Override
    public long getAsyncRefusedFull() {
        return listener.requestCounters().refusedFull();
    }

    @Override
    public long getDuplicateKeysRefused() {
        return listener.requestCounters().duplicateKeysRefused();
    }

    @Override
    public long getHeartbeatsSent() {
        return listener.heartbeats().heartbeatsSent();
    }

    @Override
    public long getHeartbeatsMissed() {
        return listener.heartbeats().heartbeatsMissed();
    }

    @Override
    public boolean isTls() {
        return listener.isTls();
    }

    @Override
    public int getOpenConnections() {
        return listener.openConnections();
    }

    @Override
    public long getAcceptedConnections() {
        return listener.counters().accepted.sum();
    }

    @Override
    public long getRefusedForMaxConnections() {
        return listener.refusedConnections().total();
    }

    @Override
    public long getRefusedForMaxConnectionsPerAddress() {
        return listener.refusedPerAddress().total();
    }

    @Override
    public long getRefusedClients() {
        return listener.refusedClients().total();
    }

    @Override
    public long getFailedOpenings() {
        return listener.handshakeFailures().total();
    }

    @Override
    public long getFramesIn() {
        return listener.counters().framesIn.sum();
    }

    @Override
    public long getRepliesOut() {
        return listener.counters().repliesOut.sum();
    }

    @Override
    public long getPushesOut() {
        return listener.counters().pushesOut.sum();
    }

    @Override
    public long getBytesIn() {
        return listener.counters().bytesIn.sum();
    }

    @Override
    public long getBytesOut() {
        return listener.counters().bytesOut.sum();
    }

    @Override
    public long getBeanFailures() {
        return listener.beanFailures().total();
    }

    @Override
    public long getFramingErrors() {
        return listener.framingErrors().total();
    }

    @Override
    public long getSlowConsumersClosed() {
        return listener.slowConsumers().total();
    }

    @Override
    public long getIdleConnectionsClosed() {
        return listener.idleClosed().total();
    }

    @Override
    public long getPendingBytes() {
        return listener.pendingBytes();
    }

    @Override
    public int getPendingFrames() {
        return listener.pendingFrames();
    }

    @Override
    public int getPausedConnections() {
        return listener.pausedConnections();
    }

    @Override
    public int getDeliveriesRunning() {
        return listener.scheduler().running();
    }

    @Override
    public int getDeliveryLimit() {
        int limit = listener.scheduler().limit();
        return limit == Integer.MAX_VALUE ? 0 : limit;
    }

    @Override
    public long getDeliveryMicrosP50() {
        return listener.counters().deliveries.percentile(50);
    }

    @Override
    public long getDeliveryMicrosP99() {
        return listener.counters().deliveries.percentile(99);
    }

    @Override
    public long getDeliveryMicrosP50LastMinute() {
        return listener.counters().deliveries.lastMinutePercentile(50);
    }

    @Override
    public long getDeliveryMicrosP99LastMinute() {
        return listener.counters().deliveries.lastMinutePercentile(99);
    }

    @Override
    public String[] listSessions() {
        return listener.openSessions().stream().sorted(Comparator.comparing(ChannelSession::openedAt))
                .map(session -> session.id() + " " + session.remoteAddress() + " opened " + session.openedAt())
                .toArray(String[]::new);
    }

    @Override
    public boolean closeSession(String sessionId) {
        for (ChannelSession session : listener.openSessions()) {
            if (session.id().equals(sessionId)) {
                session.close();
                return true;
            }
        }
        return false;
    }
}
