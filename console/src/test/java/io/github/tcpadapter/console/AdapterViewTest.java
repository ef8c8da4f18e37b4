package io.github.tcpadapter.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.console.ConsoleViews.Conversation;
import io.github.tcpadapter.management.ConnectionFactoryMXBean;
import io.github.tcpadapter.management.ListenerMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.Test;

class AdapterViewTest {

    @Test
    void aListenersRefusedConnectionsCountEveryReasonForRefusing() throws Exception {
        Map<String, Object> figures = Map.of("getPort", 17001, "getRefusedForMaxConnections", 1L,
                "getRefusedForMaxConnectionsPerAddress", 20L, "getRefusedClients", 300L);
        ListenerMXBean listener = (ListenerMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ListenerMXBean.class}, (proxy, method, args) -> figures.getOrDefault(method.getName(),
                        zero(method.getReturnType())));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("io.github.tcpadapter:type=Listener,port=17001,name=\"AdapterViewTest\"");
        server.registerMBean(new StandardMBean(listener, ListenerMXBean.class, true), name);
        try {
            assertThat(new AdapterView().listeners()).singleElement()
                    .satisfies(view -> assertThat(view.refused()).isEqualTo(321));
        } finally {
            server.unregisterMBean(name);
        }
    }

    @Test
    void aClientModeListenerShowsItsLinkAndWhatItsRequestsAndHeartbeatsDid() throws Exception {
        Map<String, Object> figures = Map.of("getPort", 17002, "getLinkState", "connected to device:7000",
                "getCorrelation", "ISO8583", "getAsyncReplies", 12L, "getLateReplies", 1L, "getHeartbeatsSent", 5L,
                "getHeartbeatsMissed", 2L);
        ObjectName name = new ObjectName("io.github.tcpadapter:type=Listener,port=17002,name=\"AdapterViewTest\"");
        register(name, ListenerMXBean.class, figures);
        try {
            assertThat(new AdapterView().listeners()).singleElement().satisfies(view -> {
                assertThat(view.linkState()).isEqualTo("connected to device:7000");
                assertThat(view.conversation()).isEqualTo(new Conversation("ISO8583", 0, 12, 0, 1, 0, 0, 0, 5, 2));
            });
        } finally {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
    }

    @Test
    void aMultiplexedFactoryShowsItsSharedSocketsAndRequests() throws Exception {
        Map<String, Object> figures = Map.of("getTargets", "switch:7000", "getHostStates",
                new String[] {"switch:7000 up"}, "getCorrelation", "IN_ORDER",
                "getLinkStates", new String[] {"link 1 connected to switch:7000 (3 in flight)",
                    "link 2 backing off until 2026-12-07T10:00:00Z (refused)"},
                "getAsyncRequestsInFlight", 3, "getAsyncReplies", 40L, "getAsyncTimeouts", 2L,
                "getUnmatchedFrames", 4L, "getDuplicateKeysRefused", 1L, "getAsyncRefusedFull", 6L);
        ObjectName name = new ObjectName("io.github.tcpadapter:type=ConnectionFactory,name=\"AdapterViewTest\"");
        register(name, ConnectionFactoryMXBean.class, figures);
        try {
            assertThat(new AdapterView().factories()).singleElement().satisfies(view -> {
                assertThat(view.linkStates()).containsExactly("link 1 connected to switch:7000 (3 in flight)",
                        "link 2 backing off until 2026-12-07T10:00:00Z (refused)");
                assertThat(view.conversation()).isEqualTo(new Conversation("IN_ORDER", 3, 40, 2, 0, 4, 1, 6, 0, 0));
            });
        } finally {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        }
    }

    private static <T> void register(ObjectName name, Class<T> type, Map<String, Object> figures)
            throws Exception {
        T bean = type.cast(Proxy.newProxyInstance(AdapterViewTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> figures.getOrDefault(method.getName(), zero(method.getReturnType()))));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        server.registerMBean(new StandardMBean(bean, type, true), name);
    }

    private static Object zero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        return type == long.class ? (Object) 0L : null;
    }
}
