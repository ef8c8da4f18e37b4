package io.github.tcpadapter.bench.run;

import io.github.tcpadapter.bench.server.BenchPorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Asks the benchmark's control bean inside the server for a cell or its figures, one line each way. */
final class ControlClient {

    private ControlClient() {
    }

    /**
     * @param command the line, e.g. {@code outbound pooled 8 64 1000 5000}
     * @param timeoutMillis how long the answer may take
     * @return the bean's answer
     */
    static Figures ask(String command, long timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(BenchPorts.CONTROL)), 10_000);
            socket.setSoTimeout((int) timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer == null) {
                throw new IOException("the control bean closed without an answer to " + command);
            }
            return Figures.parse(answer);
        }
    }
}
