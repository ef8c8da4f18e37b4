package io.github.tcpadapter.cluster.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A client of the sample's line-based listeners: one line out, lines in, every read bounded. */
final class LineClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    /**
     * @param port a port on 127.0.0.1: HAProxy's frontend, or an instance's listener
     * @param readTimeout how long a read may wait for a line
     */
    LineClient(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** @return the local port: a listener behind HAProxy sees the client as 127.0.0.1 and this port */
    int localPort() {
        return socket.getLocalPort();
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * @return the next line
     * @throws java.io.EOFException if the server closed the connection
     * @throws java.net.SocketTimeoutException if no line came within the read timeout
     */
    String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new java.io.EOFException("connection closed by the server");
        }
        return line;
    }

    /** Sends a line and returns the next line that comes back. */
    String request(String line) throws IOException {
        send(line);
        return readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
