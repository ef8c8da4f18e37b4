package io.github.tcpadapter.console;

import static org.assertj.core.api.Assertions.assertThat;

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
