package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pool declared in the EAR's {@code glassfish-resources.xml}, as an administrator would, with connection
 * validation on: the sample's BackendClient is pointed at it instead of its {@code @ConnectionFactoryDefinition}.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundResourcesIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final String JNDI_NAME = "java:app/tcp/FromResources";
    @RegisterExtension
    static final RestartablePeer peer = new RestartablePeer(0);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        peer.start();
        // the annotation's factory keeps a port nobody listens on: only the file's pool can answer
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, FreePort.next())
                .glassfishResources(resources(peer.port()), JNDI_NAME)
                .build();
    }

    private static String resources(int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE resources PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Resource Definitions//EN"
                    "http://glassfish.org/dtds/glassfish-resources_1_5.dtd">
                <resources>
                  <connector-connection-pool name="java:app/tcp/FromResourcesPool"
                      resource-adapter-name="tcp-adapter#tcp-adapter-rar"
                      connection-definition-name="io.github.tcpadapter.api.TcpConnectionFactory"
                      transaction-support="NoTransaction" steady-pool-size="0" max-pool-size="4"
                      is-connection-validation-required="true">
                    <property name="host" value="127.0.0.1"/>
                    <property name="port" value="%d"/>
                    <property name="readTimeoutMillis" value="5000"/>
                  </connector-connection-pool>
                  <connector-resource jndi-name="%s" pool-name="java:app/tcp/FromResourcesPool"/>
                </resources>
                """.formatted(port, JNDI_NAME);
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void thePoolFromGlassfishResourcesServesCallsAndSurvivesAPeerRestart() throws Exception {
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            assertThat(client.request("configured by file")).isEqualTo("backend: echo: configured by file");

            peer.stop();
            peer.start();

            for (int i = 0; i < 10; i++) {
                assertThat(client.request("after restart " + i)).isEqualTo("backend: echo: after restart " + i);
            }
            assertThat(peer.answered()).isEqualTo(11);
        }
    }
}
