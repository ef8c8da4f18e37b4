package io.github.tcpadapter.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy on 127.0.0.1 in front of the test server, forwarding as nginx and httpd do: one upstream
 * connection per request, made from 127.0.0.1, with {@code Host} set to the upstream's and the client named in
 * {@code X-Forwarded-For}, {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code Forwarded} (RFC 7239). To
 * the server, every request through it comes from its own machine, whoever sent it.
 */
final class ReverseProxy implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 15_000;
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final String UPSTREAM = SampleEar.HTTP_HOST;

    private final int port = FreePort.next();
    private final ServerSocket socket = new ServerSocket();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    ReverseProxy() throws IOException {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        threads.execute(this::accept);
    }

    /** @return where clients reach the proxy, {@code 127.0.0.1:<port>} */
    String host() {
        return "127.0.0.1:" + port;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> forward(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    // one request of the client: its head rewritten, then its body and the server's answer as they come
    private void forward(Socket client) {
        URI upstream = URI.create("http://" + UPSTREAM);
        try (client; Socket server = new Socket()) {
            client.setSoTimeout(TIMEOUT_MILLIS);
            String[] head = readHead(client.getInputStream()).split("\r\n");
            client.setSoTimeout(0); // the body is read until the exchange ends, an event stream's too
            StringBuilder forwarded = new StringBuilder(head[0]).append("\r\n");
            String host = "";
            String forwardedFor = null;
            for (int i = 1; i < head.length; i++) {
                String name = head[i].substring(0, Math.max(0, head[i].indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                String value = head[i].substring(head[i].indexOf(':') + 1).trim();
                switch (name) {
                    case "host" -> host = value;
                    case "x-forwarded-for" -> forwardedFor = value;
                    case "connection", "keep-alive", "proxy-connection", "upgrade", "http2-settings", "te",
                            "trailer" -> {
                        // hop-by-hop (RFC 9110 7.6.1): the proxy's own connection to the server speaks HTTP/1.1
                        // and closes after the answer; an h2c upgrade stays between the client and the proxy
                    }
                    default -> forwarded.append(head[i]).append("\r\n");
                }
            }
            String clientAddress = client.getInetAddress().getHostAddress();
            forwarded.append("Host: ").append(UPSTREAM).append("\r\n")
                    .append("X-Forwarded-For: ").append(forwardedFor == null ? "" : forwardedFor + ", ")
                    .append(clientAddress).append("\r\n")
                    .append("X-Forwarded-Proto: http\r\n")
                    .append("X-Forwarded-Host: ").append(host).append("\r\n")
                    .append("Forwarded: for=").append(clientAddress).append(";host=\"").append(host)
                    .append("\";proto=http\r\n")
                    .append("Connection: close\r\n\r\n");
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), TIMEOUT_MILLIS);
            server.setSoTimeout(TIMEOUT_MILLIS);
            server.getOutputStream().write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            threads.execute(() -> copy(client, server)); // the body, if any
            copy(server, client);
        } catch (IOException | RuntimeException e) {
            // the client or the server went away: so does the other
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD_BYTES) {
                throw new IOException("No request head");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException closed) {
            // the other direction ended the exchange
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
