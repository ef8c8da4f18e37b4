package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** How a listener names its bean in its log lines and its MBean, whatever the server calls the activation. */
class EndpointNameTest {

    @Test
    void keepsAnActivationNameThatNamesTheBeanAlready() {
        // Payara: <server>_<application>_<module>_<bean class>
        String payara = "server_app_ejb.jar_" + EchoBean.class.getName();
        assertThat(EndpointName.of(factory(payara, EchoBean.class))).isEqualTo(payara);
    }

    @Test
    void addsTheBeanClassToAnActivationNameThatIsTheSameForEveryBean() {
        // WildFly: <resource adapter name><listener interface>, the same for every bean of the adapter
        String wildfly = "tcp-adapterio.github.tcpadapter.api.TcpMessageListener";
        assertThat(EndpointName.of(factory(wildfly, EchoBean.class)))
                .isEqualTo(wildfly + " " + EchoBean.class.getName())
                .isNotEqualTo(EndpointName.of(factory(wildfly, OtherBean.class)));
    }

    @Test
    void keepsTheActivationNameWhenTheServerDoesNotSayTheClass() {
        assertThat(EndpointName.of(factory("some-activation", null))).isEqualTo("some-activation");
    }

    // a server's factory, as far as naming goes
    private static MessageEndpointFactory factory(String activationName, Class<?> endpointClass) {
        return (MessageEndpointFactory) Proxy.newProxyInstance(EndpointNameTest.class.getClassLoader(),
                new Class<?>[] {MessageEndpointFactory.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getActivationName" -> activationName;
                    case "getEndpointClass" -> endpointClass;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final class EchoBean {
    }

    private static final class OtherBean {
    }
}
