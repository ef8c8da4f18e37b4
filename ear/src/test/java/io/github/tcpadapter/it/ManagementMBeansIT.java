package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.NodeList;

/**
 * The listeners' and the connection factories' MXBeans in the server's platform MBean server, as an operator's JMX
 * console sees them: the figures of real traffic while the application runs, every metric of docs/metrics.xml
 * among them, and no MBean left once it is undeployed.
 */
@ExtendWith(ArquillianExtension.class)
class ManagementMBeansIT {

    private static final String SAMPLE = "sample";
    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();

    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);

    private final MBeanServerConnection server = TestServer.current().mbeans();

    @Deployment(name = SAMPLE, managed = false, testable = false)
    static EnterpriseArchive deployment() throws Exception {
        backend.start();
        return SampleEar.builder(ECHO_PORT, GATEWAY_PORT, backend.port())
                .activation("EchoListener", "maxConnections", 1)
                .build();
    }

    @ArquillianResource
    private Deployer deployer;

    private Set<ObjectName> listenerMBeans(int port) throws Exception {
        return server.queryNames(new ObjectName("io.github.tcpadapter:type=Listener,port=" + port + ",*"), null);
    }

    private Set<ObjectName> factoryMBeans() throws Exception {
        return server.queryNames(new ObjectName("io.github.tcpadapter:type=ConnectionFactory,*"), null);
    }

    // what Payara does with docs/metrics.xml: each %s is a wildcard, and the attribute after the last '/' a number
    private void assertEveryMetricResolves() throws Exception {
        NodeList mbeans = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new File(System.getProperty("metrics.xml"))).getElementsByTagName("mbean");
        assertThat(mbeans.getLength()).isPositive();
        for (int i = 0; i < mbeans.getLength(); i++) {
            String expression = mbeans.item(i).getTextContent().trim();
            int slash = expression.lastIndexOf('/');
            String attribute = expression.substring(slash + 1);
            Set<ObjectName> names = server.queryNames(
                    new ObjectName(expression.substring(0, slash).replace("%s", "*")), null);
            assertThat(names).as(expression).isNotEmpty();
            for (ObjectName name : names) {
                assertThat(server.getAttribute(name, attribute)).as(name + "/" + attribute).isInstanceOf(Number.class);
            }
        }
    }

    @Test
    void theFiguresAfterTrafficAndNoMBeanAfterUndeploy() throws Exception {
        deployer.deploy(SAMPLE);
        boolean undeployed = false;
        try {
            SampleEar.assertDeployed();
            try (LineClient client = new LineClient(ECHO_PORT)) {
                for (int i = 0; i < 5; i++) {
                    assertThat(client.request("metric " + i)).isEqualTo("ok: metric " + i);
                }
                try (LineClient refused = new LineClient(ECHO_PORT)) {
                    assertThat(refused.closedByServer()).isTrue(); // beyond maxConnections
                }
                ObjectName echo = listenerMBeans(ECHO_PORT).iterator().next();
                assertThat(echo.getKeyProperty("name")).contains("EchoListener");
                assertThat(server.getAttribute(echo, "OpenConnections")).isEqualTo(1);
                assertThat(server.getAttribute(echo, "AcceptedConnections")).isEqualTo(1L);
                assertThat(server.getAttribute(echo, "RefusedForMaxConnections")).isEqualTo(1L);
                assertThat(server.getAttribute(echo, "FramesIn")).isEqualTo(5L);
                assertThat(server.getAttribute(echo, "RepliesOut")).isEqualTo(5L);
                assertThat((Long) server.getAttribute(echo, "DeliveryMicrosP50")).isPositive();
                assertThat((Long) server.getAttribute(echo, "DeliveryMicrosP99")).isPositive();
                assertThat((Long) server.getAttribute(echo, "DeliveryMicrosP99LastMinute")).isPositive();
                assertThat((String[]) server.invoke(echo, "listSessions", new Object[0], new String[0])).hasSize(1);
            }
            assertThat(listenerMBeans(GATEWAY_PORT)).hasSize(1);

            try (LineClient client = new LineClient(GATEWAY_PORT)) {
                for (int i = 0; i < 4; i++) {
                    assertThat(client.request("call " + i)).isEqualTo("backend: echo: call " + i);
                }
            }
            String target = "127.0.0.1:" + backend.port();
            ObjectName pool = new ObjectName("io.github.tcpadapter:type=ConnectionFactory,name="
                    + ObjectName.quote(target));
            assertThat(SampleEar.pooledFactoryMBeans(server)).containsExactly(pool);
            assertThat((String[]) server.getAttribute(pool, "HostStates")).containsExactly(target + " up");
            assertThat(server.getAttribute(pool, "HostsBackingOff")).isEqualTo(0);
            assertThat(server.getAttribute(pool, "Requests")).isEqualTo(4L);
            assertThat((Long) server.getAttribute(pool, "Connects")).isPositive();
            assertThat((Integer) server.getAttribute(pool, "SocketsOpen")).isPositive();
            assertThat(server.getAttribute(pool, "SocketsLent")).isEqualTo(0);
            assertThat(server.getAttribute(pool, "Timeouts")).isEqualTo(0L);
            assertThat((Long) server.getAttribute(pool, "RequestMicrosP99")).isPositive();
            assertThat((Long) server.getAttribute(pool, "RequestMicrosP99LastMinute")).isPositive();
            assertEveryMetricResolves();

            deployer.undeploy(SAMPLE);
            undeployed = true;
            assertThat(listenerMBeans(ECHO_PORT)).isEmpty();
            assertThat(listenerMBeans(GATEWAY_PORT)).isEmpty();
            assertThat(factoryMBeans()).isEmpty();
        } finally {
            if (!undeployed) {
                deployer.undeploy(SAMPLE);
            }
        }
    }
}
