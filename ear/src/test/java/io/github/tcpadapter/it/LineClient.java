package io.github.tcpadapter.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A line-based TCP client, as a device or legacy host would be. Every read times out rather than hang. */
final class LineClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    LineClient(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** @param socket a connected socket: bound to another local address, or TLS */
    LineClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Reads at most this long for each line from now on: a middlebox that drops a connection this long silent. */
    void readWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** @return the client's own port, which the server sees as the peer's */
    int localPort() {
        return socket.getLocalPort();
    }

    String request(String line) throws IOException {
        send(line);
        return readLine();
    }

    void send(String line) throws IOException {
        write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** @return the next line, or {@code null} once the server closed the connection */
    String readLine() throws IOException {
        return in.readLine();
    }

    /** @return whether the server closed the connection: end of stream, or a reset for unread data */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
