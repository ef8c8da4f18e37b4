package io.github.tcpadapter.sample.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every listener of the sample's message-driven beans accepts connections (a client-mode listener: has
 * its link to the device connected) and every outbound connection factory has a host that is not backing off after
 * failed connects: like a backend that cannot be reached, a device that cannot be reached makes the application
 * not ready. Served at {@code /health/ready} (on WildFly, on its management port). It reads the attributes of the
 * adapter's MBeans ({@code ListenerMXBean}, {@code ConnectionFactoryMXBean}) by name, so it needs none of the
 * adapter's classes and can sit in an EAR's {@code lib/}, the one place of an EAR where WildFly runs health checks.
 * List your own beans in {@link #LISTENERS}.
 */
@Readiness
@ApplicationScoped
public class AdapterReadiness implements HealthCheck {

    // a listener's MBean name carries its bean's activation name, which contains the bean's class name
    private static final List<String> LISTENERS = List.of(
            "io.github.tcpadapter.sample.EchoListener",
            "io.github.tcpadapter.sample.GatewayListener",
            "io.github.tcpadapter.sample.ChatListener",
            "io.github.tcpadapter.sample.SecureEchoListener",
            "io.github.tcpadapter.sample.DeviceListener");
    private static final ObjectName ALL_LISTENERS = name("io.github.tcpadapter:type=Listener,*");
    private static final ObjectName ALL_FACTORIES = name("io.github.tcpadapter:type=ConnectionFactory,*");

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("tcp-adapter").up();
        try {
            addListeners(response);
            addFactories(response);
        } catch (JMException e) {
            // an MBean unregistered while it was read: its adapter is stopping
            response.down().withData("error", e.toString());
        }
        return response.build();
    }

    private void addListeners(HealthCheckResponseBuilder response) throws JMException {
        Set<ObjectName> listeners = server.queryNames(ALL_LISTENERS, null);
        for (String bean : LISTENERS) {
            String simpleName = bean.substring(bean.lastIndexOf('.') + 1);
            ObjectName listener = listenerOf(bean, listeners);
            // a client-mode listener's link state is "connected to host:port" or why not (empty for the others)
            String link = listener == null ? "" : (String) server.getAttribute(listener, "LinkState");
            if (listener != null && (Boolean) server.getAttribute(listener, "Listening")) {
                response.withData(simpleName, link.isEmpty() ? "listening on port "
                        + server.getAttribute(listener, "Port") : link);
            } else {
                response.down().withData(simpleName, link.isEmpty() ? "not listening" : link);
            }
        }
    }

    // a factory appears once the server created it, at the first lookup of its resource
    private void addFactories(HealthCheckResponseBuilder response) throws JMException {
        for (ObjectName factory : server.queryNames(ALL_FACTORIES, null)) {
            String targets = (String) server.getAttribute(factory, "Targets");
            int backingOff = (Integer) server.getAttribute(factory, "HostsBackingOff");
            if (backingOff < (Integer) server.getAttribute(factory, "Hosts")) {
                response.withData(targets, "up");
            } else {
                response.down().withData(targets, String.join("; ", (String[]) server.getAttribute(factory,
                        "HostStates")));
            }
        }
    }

    private static ObjectName listenerOf(String bean, Set<ObjectName> listeners) {
        for (ObjectName name : listeners) {
            // "…sample.EchoListener" must not match "…sample.SecureEchoListener": the package is part of the match
            if (name.getKeyProperty("name").contains(bean)) {
                return name;
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
