package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's API without a browser: who may watch and who may act, pushes and closes, requests through a
 * factory, and what a flood and too many pages do to a page's event stream.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleAccessIT {

    private static final String API = "http://" + SampleEar.HTTP_HOST + "/console/api/";
    private static final int ECHO_PORT = FreePort.next();

    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        backend.start();
        return SampleEar.withPorts(ECHO_PORT, FreePort.next(), backend.port());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
        ConsoleUsers.ensureCreated();
    }

    @Test
    void theServersOwnMachineWatchesWithoutSigningIn() throws Exception {
        try (EventStream page = servedPage("?port=" + ECHO_PORT); LineClient client = new LineClient(ECHO_PORT)) {
            assertThat(page.status()).contains("200");
            assertThat(page.next("overview").data()).contains("\"port\":" + ECHO_PORT, "EchoListener",
                    "\"canOperate\":false", "\"requestFactories\":[\"java:app/tcp/Backend\"]");
            assertThat(sessionOf(page, client)).startsWith(ECHO_PORT + "-");
            assertThat(client.request("watched")).isEqualTo("ok: watched");
            assertThat(page.next("frame").data()).contains("\"direction\":\"IN\"", "\"text\":\"watched\"",
                    "\"hex\":\"77 61 74 63 68 65 64\"", "\"length\":7");
            assertThat(page.next("frame").data()).contains("\"direction\":\"OUT\"", "\"text\":\"ok: watched\"");
        }
    }

    @Test
    void sendingAndClosingNeedTheRole() throws Exception {
        try (EventStream page = servedPage("?port=" + ECHO_PORT);
                LineClient client = new LineClient(ECHO_PORT)) {
            String session = sessionOf(page, client);
            String frame = "{\"mode\":\"text\",\"data\":\"hi[21]\"}";

            HttpResponse<String> anonymous = post("sessions/" + session + "/send", frame, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(post("sessions/" + session + "/send", frame, ConsoleUsers.VIEWER).statusCode()).isEqualTo(403);
            assertThat(post("sessions/" + session + "/close", "", ConsoleUsers.VIEWER).statusCode()).isEqualTo(403);

            HttpResponse<String> sent = post("sessions/" + session + "/send", frame, ConsoleUsers.OPERATOR);
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            assertThat(sent.body()).isEqualTo("{\"sent\":3}");
            assertThat(client.readLine()).isEqualTo("hi!");

            HttpResponse<String> badHex = post("sessions/" + session + "/send", "{\"mode\":\"hex\",\"data\":\"4\"}",
                    ConsoleUsers.OPERATOR);
            assertThat(badHex.statusCode()).isEqualTo(400);
            assertThat(badHex.body()).contains("two digits per byte");
            assertThat(post("sessions/" + ECHO_PORT + "-0/send", frame, ConsoleUsers.OPERATOR).statusCode())
                    .isEqualTo(404);

            assertThat(post("sessions/" + session + "/close", "", ConsoleUsers.OPERATOR).statusCode()).isEqualTo(204);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void requestsGoThroughTheListedFactoriesOnly() throws Exception {
        String request = """
                {"factory": "java:app/tcp/Backend", "mode": "text", "data": "ping", "timeoutMillis": 5000}""";
        assertThat(post("factories/request", request, null).statusCode()).isEqualTo(401);
        HttpResponse<String> reply = post("factories/request", request, ConsoleUsers.OPERATOR);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("\"text\":\"echo: ping\"", "\"micros\":");

        HttpResponse<String> other = post("factories/request", request.replace("tcp/Backend", "jdbc/Other"),
                ConsoleUsers.OPERATOR);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("java:app/jdbc/Other", "io.github.tcpadapter.console.factories");

        backend.stop();
        try {
            HttpResponse<String> down = post("factories/request", request, ConsoleUsers.OPERATOR);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(502);
            assertThat(down.body()).contains("127.0.0.1:" + backend.port());
        } finally {
            backend.start();
        }
    }

    @Test
    void aFloodReachesAPageAtMostFiveHundredFramesASecondAndThePageIsToldWhatItMissed() throws Exception {
        int frames = 3_000;
        try (EventStream page = servedPage("?port=" + ECHO_PORT);
                EventStream stalled = servedPage("?port=" + ECHO_PORT); // its capture is open too; it reads no more
                LineClient client = new LineClient(ECHO_PORT)) {
            StringBuilder flood = new StringBuilder();
            for (int i = 0; i < frames; i++) {
                flood.append("flood ").append(i).append('\n');
            }
            client.write(flood.toString().getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < frames; i++) {
                assertThat(client.readLine()).isEqualTo("ok: flood " + i);
            }
            String missed = page.next("missed").data();
            assertThat(Long.parseLong(missed.replaceAll("\\D", ""))).isPositive();
            assertThat(stalled.status()).contains("200");
        }
    }

    @Test
    void aPageThatReadsNothingHoldsNeitherTheListenerNorTheConsole() throws Exception {
        String big = "x".repeat(4_000);
        try (EventStream stalled = servedPage("?port=" + ECHO_PORT, 4_096); // from now on it reads nothing
                LineClient client = new LineClient(ECHO_PORT)) {
            long start = System.nanoTime();
            // megabytes of events for the page, beyond what the socket between them holds
            for (int i = 0; i < 1_000; i++) {
                assertThat(client.request(big + i)).endsWith(big + i);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("echoes while a page is stuck")
                    .isLessThan(Duration.ofSeconds(30));
            try (EventStream other = servedPage("?port=" + ECHO_PORT)) {
                assertThat(client.request("seen")).isEqualTo("ok: seen");
                assertThat(other.next("frame").data()).contains("\"text\":\"seen\"");
            }
            assertThat(stalled.status()).contains("200");
        }
    }

    @Test
    void tooManyPagesAreToldSoAndTheirSlotsComeBack() throws Exception {
        List<EventStream> pages = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                pages.add(servedPage(""));
            }
            try (EventStream oneTooMany = new EventStream("/console/api/stream")) {
                assertThat(oneTooMany.next("error").data()).contains("8 pages watch already", "maxStreams");
            }
        } finally {
            for (EventStream page : pages) {
                page.close();
            }
        }
        servedPage("").close();
    }

    /**
     * @return a page that got a slot and was sent its first overview. A slot an earlier page (of this test or
     *     another) left comes back once the thread that served it fails its next send, within a second or two.
     */
    private static EventStream servedPage(String query) throws Exception {
        return servedPage(query, 0);
    }

    /** @param receiveBuffer the page's socket receive buffer in bytes, small for a page that will read little */
    private static EventStream servedPage(String query, int receiveBuffer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            EventStream page = new EventStream("/console/api/stream" + query, receiveBuffer);
            try {
                page.next("overview");
                return page;
            } catch (IOException toldToWait) {
                page.close();
                if (System.nanoTime() > deadline) {
                    throw toldToWait;
                }
                Thread.sleep(100); // a poll, not a storm of requests
            }
        }
    }

    // the id of the client's session, from the first sessions event that lists it (a second or so)
    private static String sessionOf(EventStream page, LineClient client) throws Exception {
        String sessions = page.next("sessions").data();
        for (int events = 1; !sessions.contains(":" + client.localPort() + "\""); events++) {
            assertThat(events).as("sessions events without the client's: " + sessions).isLessThan(10);
            sessions = page.next("sessions").data();
        }
        int peer = sessions.indexOf(":" + client.localPort() + "\"");
        int id = sessions.lastIndexOf("\"id\":\"", peer) + "\"id\":\"".length();
        return sessions.substring(id, sessions.indexOf('"', id));
    }

    private HttpResponse<String> post(String path, String json, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(API + path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + ConsoleUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
