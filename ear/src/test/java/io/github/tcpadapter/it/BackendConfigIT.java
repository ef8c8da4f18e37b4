package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample's backend moved without rebuilding: the EAR as built, with no descriptor for the gateway's connection
 * factory, takes {@code tcp.backend.host} and {@code tcp.backend.port} from the server's configuration (here
 * the server JVM's system properties) when it is deployed.
 */
@ExtendWith(ArquillianExtension.class)
class BackendConfigIT {

    private static final int GATEWAY_PORT = FreePort.next();

    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        backend.start();
        TestServer.current().setSystemProperty("tcp.backend.host", "127.0.0.1");
        TestServer.current().setSystemProperty("tcp.backend.port", String.valueOf(backend.port()));
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, backend.port())
                .backendFromServerConfig()
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @AfterAll
    static void forgetTheBackend() throws Exception {
        TestServer.current().setSystemProperty("tcp.backend.host", null);
        TestServer.current().setSystemProperty("tcp.backend.port", null);
    }

    @Test
    void theGatewayCallsTheBackendTheServerConfigurationNames() throws Exception {
        try (LineClient gateway = new LineClient(GATEWAY_PORT)) {
            assertThat(gateway.request("where")).isEqualTo("backend: echo: where");
        }
        assertThat(backend.answered()).isEqualTo(1);
    }
}
