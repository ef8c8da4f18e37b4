package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bean whose port another process holds fails the deployment instead of running without its listener. */
@ExtendWith(ArquillianExtension.class)
class PortTakenIT {

    private static final String DEPLOYMENT = "port-taken";
    private static final int TAKEN_PORT = FreePort.next();

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.withPorts(TAKEN_PORT, FreePort.next(), TAKEN_PORT);
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void deploymentFailsWhenAListenerPortIsTaken() throws Exception {
        try (ServerSocket squatter = new ServerSocket(TAKEN_PORT, 1, InetAddress.getLoopbackAddress())) {
            assertThat(squatter.isBound()).isTrue();
            // the embedded container may report the failure or only log it: either way nothing is deployed
            catchThrowable(() -> deployer.deploy(DEPLOYMENT));
            SampleEar.assertNotDeployed();
        } finally {
            catchThrowable(() -> deployer.undeploy(DEPLOYMENT));
        }
    }
}
