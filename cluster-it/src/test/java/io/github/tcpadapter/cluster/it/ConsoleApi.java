package io.github.tcpadapter.cluster.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample console's HTTP API on one instance ({@code /console/api}), signed in as the cluster's console user:
 * what the instance's listeners hold and have counted (its event stream's first {@code overview} and
 * {@code sessions} events), and pushing a line to one of its sessions.
 */
final class ConsoleApi {

    private static final Pattern SESSION = Pattern.compile(
            "\\{\"id\":\"([^\"]+)\",\"peer\":\"([^\"]*)\",\"member\":\"([^\"]*)\"");
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SEND_TIMEOUT_MILLIS = 15_000;

    private final PayaraInstance instance;
    private final String authorization;

    ConsoleApi(PayaraInstance instance, String user, String password) {
        this.instance = instance;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One open session of a listener of the cluster; the peer as the bean sees it ({@code 127.0.0.1:41234}), the
     * member as the data grid names it ({@code i1}).
     */
    record Session(String id, String peer, String member) {
    }

    /** @return the open sessions of the cluster's listeners on a sample port (9000, ...), as this instance sees them */
    List<Session> sessions(int port) throws IOException {
        List<Session> sessions = new ArrayList<>();
        Matcher matcher = SESSION.matcher(event(port, "sessions"));
        while (matcher.find()) {
            sessions.add(new Session(matcher.group(1), matcher.group(2), matcher.group(3)));
        }
        return sessions;
    }

    /** @return the frames the listener on a sample port of this instance has received since it started */
    long framesIn(int port) throws IOException {
        String overview = event(port, "overview");
        Matcher matcher = Pattern.compile("\\{\"port\":" + port + ",[^{}]*\"framesIn\":(\\d+)").matcher(overview);
        if (!matcher.find()) {
            throw new IOException("No listener on port " + port + " in " + instance.name() + "'s overview: "
                    + overview);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Pushes a line to a session of the cluster through this instance, as the console's page does. */
    void send(String sessionId, String line) throws IOException {
        Answer answer = trySend(sessionId, line);
        if (answer.status() != 200) {
            throw new IOException("POST .../sessions/" + sessionId + "/send answered " + answer.status() + ": "
                    + answer.body());
        }
    }

    /** What the console answered. */
    record Answer(int status, String body) {
    }

    /**
     * Pushes a line, waiting for the console's answer longer than the console waits on another member
     * ({@code PUSH_TIMEOUT_MILLIS}, 5 s, and 2 s more for the way there and back).
     */
    Answer trySend(String sessionId, String line) throws IOException {
        HttpURLConnection connection = open("/console/api/sessions/" + sessionId + "/send");
        connection.setReadTimeout(SEND_TIMEOUT_MILLIS);
        connection.setRequestMethod("POST");
        connection.setRequestProperty("X-Requested-By", "tcp-console");
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setDoOutput(true);
        try (OutputStream body = connection.getOutputStream()) {
            // the listener's framing ends the line
            body.write(("{\"mode\":\"text\",\"data\":\"" + line.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        int status = connection.getResponseCode();
        try (var body = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
            return new Answer(status, body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    // the data of the stream's first event of that name: the stream sends the overview and sessions every second
    private String event(int port, String name) throws IOException {
        HttpURLConnection connection = open("/console/api/stream?port=" + port);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            String event = "";
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ") && event.equals(name)) {
                    return line.substring("data: ".length());
                } else if (line.startsWith("data: ") && event.equals("error")) {
                    throw new IOException(instance.name() + "'s console: " + line.substring("data: ".length()));
                }
            }
            throw new IOException("No '" + name + "' event in " + connection.getURL());
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection open(String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + instance.httpPort() + path)
                .toURL().openConnection();
        connection.setConnectTimeout(TIMEOUT_MILLIS);
        connection.setReadTimeout(TIMEOUT_MILLIS);
        connection.setRequestProperty("Authorization", authorization);
        return connection;
    }
}
