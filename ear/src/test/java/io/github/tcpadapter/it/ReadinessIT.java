package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample's readiness check at {@code /health/ready}, as a load balancer or Kubernetes asks it: up while the
 * listeners listen and the backend answers, down while every backend host backs off, up again once it answers.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    private static final URI READY = URI.create(TestServer.current().healthUrl() + "/ready");
    private static final int GATEWAY_PORT = FreePort.next();

    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        backend.start();
        // a host that failed backs off for a minute: longer than the test
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, backend.port())
                .backend("retryIntervalMillis", 60_000)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    private HttpResponse<String> readiness() throws Exception {
        return http.send(HttpRequest.newBuilder(READY).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String compact(HttpResponse<String> response) {
        return response.body().replaceAll("\\s", "");
    }

    @Test
    void downWhileEveryBackendHostBacksOffAndUpOnceItAnswers() throws Exception {
        try (LineClient gateway = new LineClient(GATEWAY_PORT)) {
            assertThat(gateway.request("first")).isEqualTo("backend: echo: first");
            HttpResponse<String> up = readiness();
            assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
            assertThat(compact(up)).contains("\"name\":\"tcp-adapter\"", "\"status\":\"UP\"",
                    "\"EchoListener\":\"listeningonport", "\"GatewayListener\":\"listeningonport" + GATEWAY_PORT,
                    "\"ChatListener\":\"listeningonport", "\"SecureEchoListener\":\"listeningonport",
                    "\"127.0.0.1:" + backend.port() + "\":\"up\"");

            backend.stop();
            assertThat(gateway.request("while down")).startsWith("error: ");
            HttpResponse<String> down = readiness();
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(compact(down)).contains("\"status\":\"DOWN\"", "backingoffuntil");

            backend.start();
            assertThat(gateway.request("again")).isEqualTo("backend: echo: again");
            HttpResponse<String> upAgain = readiness();
            assertThat(upAgain.statusCode()).as(upAgain.body()).isEqualTo(200);
        }
    }
}
