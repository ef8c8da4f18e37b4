package io.github.tcpadapter.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A page's server-sent event stream from the test server, read as a browser's {@code EventSource} does, over a
 * plain socket so that every read is bounded (and so that a test can also leave it unread).
 */
final class EventStream implements AutoCloseable {

    /** One event: its name and its data line. */
    record Event(String name, String data) {
    }

    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final BufferedReader in;
    private final String status;

    /**
     * @param pathAndQuery for example {@code /console/api/stream?port=9000}
     * @param user the console user who watches (see {@link ConsoleUsers}); null for none
     */
    EventStream(String pathAndQuery, String user) throws IOException {
        this(SampleEar.HTTP_HOST, pathAndQuery, 0, user);
    }

    /**
     * @param host where to ask for the stream: the test server's {@link SampleEar#HTTP_HOST}, or a proxy in front
     * @param pathAndQuery for example {@code /console/api/stream?port=9000}
     * @param receiveBuffer the socket's receive buffer in bytes, small for a page that reads little; 0 for the
     *     system's
     * @param user the console user who watches (see {@link ConsoleUsers}); null for none
     */
    EventStream(String host, String pathAndQuery, int receiveBuffer, String user) throws IOException {
        URI server = URI.create("http://" + host);
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), READ_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.0\r\nHost: " + host
                + "\r\nAccept: text/event-stream\r\n"
                + (user == null ? "" : "Authorization: " + ConsoleUsers.authorization(user) + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        status = in.readLine();
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            // HTTP/1.0: the events follow unchunked, until the server closes
        }
    }

    /** @return the status line, for example {@code HTTP/1.1 200 OK} */
    String status() {
        return status;
    }

    /**
     * @return the next event named {@code name}, skipping others; fails after 15 s without a byte, or 30 s without
     *     that event (a stream of others must not keep a test waiting)
     */
    Event next(String name) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2L * READ_TIMEOUT_MILLIS);
        List<String> skipped = new ArrayList<>();
        String event = null;
        String data = null;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("event:")) {
                event = line.substring("event:".length()).trim();
            } else if (line.startsWith("data:")) {
                data = line.substring("data:".length()).trim();
            } else if (line.isEmpty() && event != null) {
                if (event.equals(name)) {
                    return new Event(event, data);
                }
                skipped.add(event);
                if (System.nanoTime() > deadline) {
                    throw new IOException("No event '" + name + "' within " + 2 * READ_TIMEOUT_MILLIS
                            + " ms; the stream sent " + skipped.size() + " others: " + new TreeSet<>(skipped));
                }
                event = null;
                data = null;
            }
        }
        throw new IOException("The stream ended before an event '" + name + "'");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
