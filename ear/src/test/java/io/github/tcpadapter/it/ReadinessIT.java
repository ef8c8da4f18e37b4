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
 * listeners listen, the backend answers and the client-mode DeviceListener has its link to the device, down while
 * every backend host backs off or the device cannot be reached, up again once it answers.
 */
@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    private static final URI READY = URI.create(TestServer.current().healthUrl() + "/ready");
    private static final int GATEWAY_PORT = FreePort.next();

    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);

    @RegisterExtension
    static final DevicePeer device = new DevicePeer("hello test-device");

    // the device's link that is open now, once the sample's DeviceListener answered its greeting
    private static LineClient deviceLink;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        backend.start();
        device.start();
        // a host that failed backs off for a minute: longer than the test
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, backend.port())
                .backend("retryIntervalMillis", 60_000)
                .activation("DeviceListener", "connectTo", "127.0.0.1:" + device.port())
                .activation("DeviceListener", "reconnectMaxMillis", 1_000)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    private HttpResponse<String> readiness() throws Exception {
        return BoundedHttp.send(http, HttpRequest.newBuilder(READY).timeout(Duration.ofSeconds(10)).build());
    }

    private static String compact(HttpResponse<String> response) {
        return response.body().replaceAll("\\s", "");
    }

    @Test
    void downWhileEveryBackendHostBacksOffAndUpOnceItAnswers() throws Exception {
        try (LineClient gateway = new LineClient(GATEWAY_PORT)) {
            assertThat(gateway.request("first")).isEqualTo("backend: echo: first");
            deviceLink();
            HttpResponse<String> up = readiness();
            assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
            assertThat(compact(up)).contains("\"name\":\"tcp-adapter\"", "\"status\":\"UP\"",
                    "\"EchoListener\":\"listeningonport", "\"GatewayListener\":\"listeningonport" + GATEWAY_PORT,
                    "\"ChatListener\":\"listeningonport", "\"SecureEchoListener\":\"listeningonport",
                    "\"DeviceListener\":\"connectedto127.0.0.1:" + device.port() + "\"",
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

    @Test
    void downWhileTheDeviceCannotBeReachedAndUpOnceTheLinkIsBack() throws Exception {
        deviceLink();
        HttpResponse<String> ready = readiness();
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        device.stop();
        // the listener learns of the loss on its own time: asked until it says so, within a bound
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> down = readiness();
        while (down.statusCode() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100); // a poll, not a storm of requests
            down = readiness();
        }
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(compact(down)).contains("\"status\":\"DOWN\"")
                .containsPattern("\"DeviceListener\":\"(backingoffuntil|connectingto127.0.0.1:" + device.port()
                        + ")");

        device.start();
        deviceLink = null;
        deviceLink();
        HttpResponse<String> up = readiness();
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(compact(up)).contains("\"DeviceListener\":\"connectedto127.0.0.1:" + device.port() + "\"");
    }

    /** Waits for the device's link and the sample's answer to its greeting: then the link is connected. */
    private static void deviceLink() throws Exception {
        if (deviceLink == null) {
            deviceLink = device.nextLink(15);
            assertThat(deviceLink.readLine()).isEqualTo("welcome test-device");
        }
    }
}
