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
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's API without a browser, as shipped (local viewing off): who may watch and who may act, also through a
 * reverse proxy, the same-origin proof of what acts, the headers of every answer, pushes and closes, requests
 * through a factory, and what a flood and too many pages do to a page's event stream.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleAccessIT {

    private static final String CONSOLE = "http://" + SampleEar.HTTP_HOST + "/console/";
    private static final String API = CONSOLE + "api/";
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
    void everyRequestNeedsTheRoleEvenFromTheServersOwnMachine() throws Exception {
        for (String path : new String[] {"", "console.js", "api/stream?port=" + ECHO_PORT}) {
            HttpResponse<String> anonymous = get(CONSOLE + path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                    challenge -> assertThat(challenge).startsWith("Basic"));
            assertThat(get(CONSOLE + path, ConsoleUsers.VIEWER).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(get(CONSOLE, ConsoleUsers.OPERATOR).statusCode()).isEqualTo(200);
        try (EventStream anonymous = new EventStream("/console/api/stream", null)) {
            assertThat(anonymous.status()).contains("401");
        }
    }

    @Test
    void throughAReverseProxyTheRoleIsNeededAsFromAnywhere() throws Exception {
        try (ReverseProxy proxy = new ReverseProxy()) {
            String console = "http://" + proxy.host() + "/console/";
            assertThat(get(console, null).statusCode()).isEqualTo(401);
            HttpResponse<String> page = get(console, ConsoleUsers.OPERATOR);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("TCP adapter console");
            try (EventStream anonymous = new EventStream(proxy.host(), "/console/api/stream", 0, null);
                    EventStream operator = new EventStream(proxy.host(), "/console/api/stream?port=" + ECHO_PORT, 0,
                            ConsoleUsers.OPERATOR)) {
                assertThat(anonymous.status()).contains("401");
                assertThat(operator.status()).contains("200");
                assertThat(operator.next("overview").data()).contains("\"user\":\"" + ConsoleUsers.OPERATOR);
            }
        }
    }

    @Test
    void everyAnswerForbidsFramingAndSniffing() throws Exception {
        for (String user : new String[] {ConsoleUsers.OPERATOR, null}) {
            for (String path : new String[] {"", "console.js", "api/sessions/" + ECHO_PORT + "-0/close"}) {
                HttpResponse<String> answer = path.endsWith("close") ? post(path.substring(4), "", user)
                        : get(CONSOLE + path, user);
                String what = path + " for " + user + ": " + answer.statusCode();
                assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(
                        policy -> assertThat(policy).contains("frame-ancestors 'none'", "default-src 'self'"));
                assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
                assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).contains("same-origin");
            }
        }
    }

    @Test
    void aCrossOriginFormPostCannotCloseASessionEvenWithTheUsersCredentials() throws Exception {
        try (EventStream page = servedPage("?port=" + ECHO_PORT);
                LineClient client = new LineClient(ECHO_PORT)) {
            String close = API + "sessions/" + sessionOf(page, client) + "/close";
            // what a page of another site makes the browser send, with the credentials it cached for the console
            HttpResponse<String> forged = BoundedHttp.send(http, HttpRequest.newBuilder(URI.create(close))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "http://evil.example")
                    .header("Authorization", ConsoleUsers.authorization(ConsoleUsers.OPERATOR))
                    .POST(HttpRequest.BodyPublishers.ofString("x=1")).build());
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("X-Requested-By");
            // the header alone is not enough from another origin, nor from another site of the same browser
            assertThat(post(close, "", ConsoleUsers.OPERATOR, "Origin", "http://evil.example").statusCode())
                    .isEqualTo(403);
            assertThat(post(close, "", ConsoleUsers.OPERATOR, "Sec-Fetch-Site", "cross-site").statusCode())
                    .isEqualTo(403);
            assertThat(post(close, "", ConsoleUsers.OPERATOR, "Sec-Fetch-Site", "same-site").statusCode())
                    .isEqualTo(403);
            assertThat(client.request("still open")).isEqualTo("ok: still open");

            HttpResponse<String> closed = post(close, "", ConsoleUsers.OPERATOR, "Origin",
                    "http://" + SampleEar.HTTP_HOST, "Sec-Fetch-Site", "same-origin");
            assertThat(closed.statusCode()).as(closed.body()).isEqualTo(204);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void onlyARunningListenersPortCanBeWatched() throws Exception {
        int noListener = FreePort.next();
        HttpResponse<String> refused = get(API + "stream?port=" + noListener, ConsoleUsers.OPERATOR);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("No listener on port " + noListener);
    }

    @Test
    void anOperatorWatchesTheFramesOfAListener() throws Exception {
        try (EventStream page = servedPage("?port=" + ECHO_PORT); LineClient client = new LineClient(ECHO_PORT)) {
            assertThat(page.status()).contains("200");
            assertThat(page.next("overview").data()).contains("\"port\":" + ECHO_PORT, "EchoListener",
                    "\"canOperate\":true", "\"requestFactories\":[\"" + SampleEar.CONSOLE_FACTORY + "\"]");
            assertThat(sessionOf(page, client)).matches(ECHO_PORT + "-[0-9a-z]{12}");
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
                {"factory": "%s", "mode": "text", "data": "ping", "timeoutMillis": 5000}""".formatted(
                SampleEar.CONSOLE_FACTORY);
        assertThat(post("factories/request", request, null).statusCode()).isEqualTo(401);
        HttpResponse<String> reply = post("factories/request", request, ConsoleUsers.OPERATOR);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("\"text\":\"echo: ping\"", "\"micros\":");

        String unlisted = SampleEar.CONSOLE_FACTORY + "Other";
        HttpResponse<String> other = post("factories/request", request.replace(SampleEar.CONSOLE_FACTORY, unlisted),
                ConsoleUsers.OPERATOR);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains(unlisted, "io.github.tcpadapter.console.factories");

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
            try (EventStream oneTooMany = new EventStream("/console/api/stream", ConsoleUsers.OPERATOR)) {
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
            EventStream page = new EventStream(SampleEar.HTTP_HOST, "/console/api/stream" + query, receiveBuffer,
                    ConsoleUsers.OPERATOR);
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

    /**
     * @param path under {@code api/}, or a whole URL
     * @param headers more headers, name and value after name and value
     * @return the answer to a POST as the console's page sends it: with its header {@code X-Requested-By}
     */
    private HttpResponse<String> post(String path, String json, String user, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : API + path))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .header("X-Requested-By", "tcp-console").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request, user);
    }

    private HttpResponse<String> get(String url, String user) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).GET(), user);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user) throws Exception {
        if (user != null) {
            request.header("Authorization", ConsoleUsers.authorization(user));
        }
        return BoundedHttp.send(http, request.build());
    }
}
