package io.github.tcpadapter.inbound;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/**
 * The name a listener gives its bean in log lines and in its MBean. The activation name is unique per bean on
 * Payara (it ends with the bean class) but not on WildFly (the adapter's name and the listener interface, the same
 * for every bean), so the bean class is added where the activation name lacks it.
 */
final class EndpointName {

    private EndpointName() {
    }

    static String of(MessageEndpointFactory factory) {
        String activation = factory.getActivationName();
        Class<?> bean = factory.getEndpointClass();
        if (bean == null || activation.contains(bean.getName())) {
            return activation;
        }
        return activation + " " + bean.getName();
    }
}
