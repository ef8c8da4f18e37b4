package io.github.tcpadapter.console;

import io.github.tcpadapter.console.ConsoleViews.Conversation;
import io.github.tcpadapter.console.ConsoleViews.FactoryView;
import io.github.tcpadapter.console.ConsoleViews.ListenerView;
import io.github.tcpadapter.management.ConnectionFactoryMXBean;
import io.github.tcpadapter.management.ListenerMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The adapter's listeners and connection factories as their MXBeans show them, the figures an operator's JMX console
 * reads. Remembers the last figures it read, for the rates: one view per page, read by one thread.
 */
final class AdapterView {

    private static final ObjectName LISTENERS = name("io.github.tcpadapter:type=Listener,*");
    private static final ObjectName FACTORIES = name("io.github.tcpadapter:type=ConnectionFactory,*");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final Map<ObjectName, Counts> last = new HashMap<>();

    private record Counts(long framesIn, long framesOut, long nanos) {
    }

    List<ListenerView> listeners() {
        Set<ObjectName> names = server.queryNames(LISTENERS, null);
        last.keySet().retainAll(names);
        List<ListenerView> listeners = new ArrayList<>();
        for (ObjectName name : names) {
            try {
                listeners.add(listener(name, JMX.newMXBeanProxy(server, name, ListenerMXBean.class)));
            } catch (RuntimeException gone) {
                // undeployed between the query and the read: it is no longer there to show
            }
        }
        listeners.sort(Comparator.comparingInt(ListenerView::port).thenComparing(ListenerView::name));
        return listeners;
    }

    private ListenerView listener(ObjectName name, ListenerMXBean listener) {
        Counts now = new Counts(listener.getFramesIn(), listener.getRepliesOut() + listener.getPushesOut(),
                System.nanoTime());
        // the first read has nothing to compare with: rates of 0
        Counts before = Objects.requireNonNullElse(last.put(name, now), now);
        double seconds = (now.nanos - before.nanos) / (double) TimeUnit.SECONDS.toNanos(1);
        String bean = ObjectName.unquote(name.getKeyProperty("name"));
        return new ListenerView(listener.getPort(), listener.getBindAddress(), bean, listener.getFraming(),
                listener.isTls(), listener.isListening(), listener.getOpenConnections(), now.framesIn, now.framesOut,
                rate(now.framesIn - before.framesIn, seconds), rate(now.framesOut - before.framesOut, seconds),
                listener.getRefusedForMaxConnections() + listener.getRefusedForMaxConnectionsPerAddress()
                        + listener.getRefusedClients(), Objects.toString(listener.getLinkState(), ""),
                new Conversation(Objects.toString(listener.getCorrelation(), "NONE"),
                        listener.getAsyncRequestsInFlight(), listener.getAsyncReplies(),
                        listener.getAsyncTimeouts(), listener.getLateReplies(), 0, listener.getDuplicateKeysRefused(),
                        listener.getAsyncRefusedFull(), listener.getHeartbeatsSent(),
                        listener.getHeartbeatsMissed()));
    }

    private static double rate(long frames, double seconds) {
        return seconds <= 0 ? 0 : Math.round(frames / seconds * 10) / 10.0;
    }

    List<FactoryView> factories() {
        List<FactoryView> factories = new ArrayList<>();
        for (ObjectName name : server.queryNames(FACTORIES, null)) {
            try {
                ConnectionFactoryMXBean bean = JMX.newMXBeanProxy(server, name, ConnectionFactoryMXBean.class);
                factories.add(new FactoryView(bean.getTargets(), List.of(bean.getHostStates()), bean.getFraming(),
                        bean.isTls(), bean.getSocketsOpen(), bean.getSocketsLent(), bean.getRequests(),
                        bean.getRequestMicrosP50(), bean.getRequestMicrosP99(), bean.getRequestMicrosP50LastMinute(),
                        bean.getRequestMicrosP99LastMinute(), List.of(Objects.requireNonNullElse(bean.getLinkStates(),
                                new String[0])), conversation(bean)));
            } catch (RuntimeException gone) {
                // as for listeners
            }
        }
        factories.sort(Comparator.comparing(FactoryView::targets));
        return factories;
    }

    private static Conversation conversation(ConnectionFactoryMXBean bean) {
        return new Conversation(Objects.toString(bean.getCorrelation(), "NONE"), bean.getAsyncRequestsInFlight(),
                bean.getAsyncReplies(), bean.getAsyncTimeouts(), bean.getLateReplies(), bean.getUnmatchedFrames(),
                bean.getDuplicateKeysRefused(), bean.getAsyncRefusedFull(), bean.getHeartbeatsSent(),
                bean.getHeartbeatsMissed());
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
