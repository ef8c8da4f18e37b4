package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deploying and undeploying the sample again and again in one server leaks no port, thread or file. */
@ExtendWith(ArquillianExtension.class)
class InboundRedeployIT {

    private static final String SAMPLE = "sample";
    private static final int ECHO_PORT = FreePort.next();
    private static final int GATEWAY_PORT = FreePort.next();
    private static final int CHAT_PORT = FreePort.next();
    private static final int ROUNDS = 20;
    // the server's own descriptors move a little between rounds (its logs, class files): a leak grows every round
    private static final long DESCRIPTOR_SLACK = 10;

    @Deployment(name = SAMPLE, managed = false, testable = false)
    static EnterpriseArchive sample() {
        return SampleEar.builder(ECHO_PORT, GATEWAY_PORT, ECHO_PORT)
                .activation("ChatListener", "port", CHAT_PORT)
                .build();
    }

    @ArquillianResource
    private Deployer deployer;

    @Test
    void redeployingLeavesNoPortThreadOrFileDescriptorBehind() throws Exception {
        List<String> threadsBefore = Leftovers.adapterThreads();
        List<Long> descriptors = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            deployer.deploy(SAMPLE);
            SampleEar.assertDeployed();
            try (LineClient echo = new LineClient(ECHO_PORT);
                 LineClient gateway = new LineClient(GATEWAY_PORT);
                 LineClient chat = new LineClient(CHAT_PORT)) {
                assertThat(echo.request("round " + round)).isEqualTo("ok: round " + round);
                assertThat(gateway.request("round " + round)).isEqualTo("backend: ok: round " + round);
                assertThat(chat.readLine()).startsWith("welcome ");
            }
            deployer.undeploy(SAMPLE);

            Leftovers.assertPortsFree(ECHO_PORT, GATEWAY_PORT, CHAT_PORT);
            assertThat(Leftovers.adapterThreads()).as("adapter threads after round %d", round)
                    .isEqualTo(threadsBefore);
            descriptors.add(Leftovers.openFileDescriptors());
        }
        // the first round loads what the server keeps open for any deployment
        assertThat(descriptors.get(ROUNDS - 1)).as("open file descriptors after each round: %s", descriptors)
                .isLessThanOrEqualTo(descriptors.get(1) + DESCRIPTOR_SLACK);
    }
}
