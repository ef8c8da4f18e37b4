package io.github.tcpadapter.sample.health;

import io.github.tcpadapter.management.ConnectionFactoryMXBean;
import io.github.tcpadapter.management.ListenerMXBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every listener of the sample's message-driven beans accepts connections and every outbound connection
 * factory has a host that is not backing off after failed connects; served by Payara at {@code /health/ready}.
 * It reads the adapter's MBeans, so it works for any application: list your own beans in {@link #LISTENERS}.
 */
@Readiness
@ApplicationScoped
public class AdapterReadiness implements HealthCheck {

    // a listener's MBean name carries its bean's activation name, which contains the bean's class name
    private static final List<String> LISTENERS = List.of(
            "io.github.tcpadapter.sample.EchoListener",
            "io.github.tcpadapter.sample.GatewayListener",
            "io.github.tcpadapter.sample.ChatListener",
            "io.github.tcpadapter.sample.SecureEchoListener");
    private static final ObjectName ALL_LISTENERS = name("io.github.tcpadapter:type=Listener,*");
    private static final ObjectName ALL_FACTORIES = name("io.github.tcpadapter:type=ConnectionFactory,*");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tcp-adapter").up();
        Set<ObjectName> listeners = server.queryNames(ALL_LISTENERS, null);
        for (String bean : LISTENERS) {
            String simpleName = bean.substring(bean.lastIndexOf('.') + 1);
            ListenerMXBean listener = listenerOf(bean, listeners);
            if (listener != null && listener.isListening()) {
                response.withData(simpleName, "listening on port " + listener.getPort());
            } else {
                response.down().withData(simpleName, "not listening");
            }
        }
        // a factory appears once the server created it, at the first lookup of its resource
        for (ObjectName name : server.queryNames(ALL_FACTORIES, null)) {
            ConnectionFactoryMXBean factory = JMX.newMXBeanProxy(server, name, ConnectionFactoryMXBean.class);
            if (factory.getHostsBackingOff() < factory.getHosts()) {
                response.withData(factory.getTargets(), "up");
            } else {
                response.down().withData(factory.getTargets(), String.join("; ", factory.getHostStates()));
            }
        }
        return response.build();
    }

    private ListenerMXBean listenerOf(String bean, Set<ObjectName> listeners) {
        for (ObjectName name : listeners) {
            // "…sample.EchoListener" must not match "…sample.SecureEchoListener": the package is part of the match
            if (name.getKeyProperty("name").contains(bean)) {
                return JMX.newMXBeanProxy(server, name, ListenerMXBean.class);
            }
        }
        return null;
    }

    private static ObjectName name(String pattern) {
        try {
            return new ObjectName(pattern);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(pattern, e);
        }
    }
}
