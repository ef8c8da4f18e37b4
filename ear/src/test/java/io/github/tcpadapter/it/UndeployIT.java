package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Undeploying the application closes its clients' connections and frees its ports at once. */
@ExtendWith(ArquillianExtension.class)
class UndeployIT {

    private static final String SAMPLE = "sample";
    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();

    @Deployment(name = SAMPLE, managed = false, testable = false)
    static EnterpriseArchive sample() {
        return SampleEar.withPorts(ECHO_PORT, GATEWAY_PORT, ECHO_PORT);
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void undeployClosesConnectionsAndReleasesThePorts() throws Exception {
        deployer.deploy(SAMPLE);
        SampleEar.assertDeployed();
        try (LineClient gateway = new LineClient(GATEWAY_PORT)) {
            // wired as the sample ships: the gateway's backend is the echo bean in the same server
            assertThat(gateway.request("round trip")).isEqualTo("backend: ok: round trip");
        }
        try (LineClient client = new LineClient(ECHO_PORT)) {
            assertThat(client.request("hello")).isEqualTo("ok: hello");

            deployer.undeploy(SAMPLE);

            assertThat(client.closedByServer()).isTrue();
        }
        for (int port : new int[] {ECHO_PORT, GATEWAY_PORT}) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.isBound()).as("port %d free", port).isTrue();
            }
        }
    }
}
