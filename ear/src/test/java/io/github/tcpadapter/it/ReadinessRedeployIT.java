package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's readiness check is served again after the sample is undeployed and deployed again, as an operator
 * redeploys a new version. Payara 7 answers every health request with 503 and an HTML error page instead, from the
 * first undeployment of an application with a check until it restarts ({@link TestServer#servesHealthAfterRedeploy}):
 * there the first deployment is not checked either, as an earlier test class may have undeployed one already.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessRedeployIT {

    private static final String SAMPLE = "sample";
    private static final int ECHO_PORT = FreePort.next();
    private static final URI HEALTH = URI.create(TestServer.current().healthUrl());

    @Deployment(name = SAMPLE, managed = false, testable = false)
    static EnterpriseArchive sample() {
        return SampleEar.withPorts(ECHO_PORT, FreePort.next(), FreePort.next());
    }

    @ArquillianResource
    private Deployer deployer;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void theCheckIsServedAgainAfterARedeployment() throws Exception {
        boolean served = TestServer.current().servesHealthAfterRedeploy();
        deployer.deploy(SAMPLE);
        if (served) {
            assertServedWithTheEchoListener();
        }
        deployer.undeploy(SAMPLE);

        deployer.deploy(SAMPLE);
        try {
            if (served) {
                assertServedWithTheEchoListener();
            } else {
                HttpResponse<String> health = BoundedHttp.send(http, HttpRequest.newBuilder(HEALTH).build());
                assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
                assertThat(health.body()).contains("<html", "Service Unavailable").doesNotContain("EchoListener");
            }
        } finally {
            deployer.undeploy(SAMPLE);
        }
    }

    // JSON whatever the status: the client-mode DeviceListener has no device here, so the check is down
    private void assertServedWithTheEchoListener() throws Exception {
        HttpResponse<String> health = BoundedHttp.send(http, HttpRequest.newBuilder(HEALTH).build());
        assertThat(health.headers().firstValue("Content-Type")).as(health.body()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(health.body()).contains("\"tcp-adapter\"", "\"EchoListener\":\"listening on port " + ECHO_PORT);
    }
}
