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

/**
 * The console with local viewing turned on by its administrator: the server's own machine watches without signing
 * in, but never a request that a reverse proxy forwarded (it comes from the same machine), nor one that acts.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleLocalViewingIT {

    private static final int ECHO_PORT = FreePort.next();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.builder(ECHO_PORT, FreePort.next(), FreePort.next())
                .consoleParameter("io.github.tcpadapter.console.localViewing", "true").build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
        ConsoleUsers.ensureCreated();
    }

    @Test
    void theServersOwnMachineWatchesWithoutSigningIn() throws Exception {
        assertThat(get(SampleEar.HTTP_HOST, "/console/", null).statusCode()).isEqualTo(200);
        try (EventStream page = new EventStream("/console/api/stream?port=" + ECHO_PORT, null)) {
            assertThat(page.status()).contains("200");
            assertThat(page.next("overview").data()).contains("\"user\":null", "\"canOperate\":false",
                    "\"port\":" + ECHO_PORT);
        }
    }

    @Test
    void aRequestThroughAReverseProxyIsNeverLocal() throws Exception {
        try (ReverseProxy proxy = new ReverseProxy()) {
            HttpResponse<String> anonymous = get(proxy.host(), "/console/", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
            try (EventStream page = new EventStream(proxy.host(), "/console/api/stream", 0, null)) {
                assertThat(page.status()).contains("401");
            }
            assertThat(get(proxy.host(), "/console/", ConsoleUsers.OPERATOR).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void anyForwardingHeaderMakesARequestNotLocal() throws Exception {
        for (String header : new String[] {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
                "X-Real-IP"}) {
            HttpResponse<String> forwarded = BoundedHttp.send(http, HttpRequest.newBuilder(
                    URI.create("http://" + SampleEar.HTTP_HOST + "/console/")).timeout(Duration.ofSeconds(15))
                    .header(header, header.equals("Forwarded") ? "for=192.0.2.7" : "192.0.2.7").build());
            assertThat(forwarded.statusCode()).as(header).isEqualTo(401);
        }
    }

    @Test
    void actingStillNeedsTheRole() throws Exception {
        HttpResponse<String> close = BoundedHttp.send(http, HttpRequest.newBuilder(URI.create("http://"
                + SampleEar.HTTP_HOST + "/console/api/sessions/" + ECHO_PORT + "-0/close"))
                .timeout(Duration.ofSeconds(15))
                .header("X-Requested-By", "tcp-console").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(close.statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String host, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + path))
                .timeout(Duration.ofSeconds(15));
        if (user != null) {
            request.header("Authorization", ConsoleUsers.authorization(user));
        }
        return BoundedHttp.send(http, request.build());
    }
}
