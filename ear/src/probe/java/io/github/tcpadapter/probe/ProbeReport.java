package io.github.tcpadapter.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A frame's report to the tests' probe control, over its own connection: the line, then the control's answer,
 * which it gives once the test lets the bean go on.
 */
final class ProbeReport {

    private static final int CONNECT_MILLIS = 5_000;
    // longer than the tests ever hold a bean (60 s): past it, the test has failed
    private static final int ANSWER_MILLIS = 90_000;

    private ProbeReport() {
    }

    /**
     * @param control {@code host:port}
     * @param line the frame, on one line
     */
    static void to(String control, String line) {
        int colon = control.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(control.substring(0, colon),
                    Integer.parseInt(control.substring(colon + 1))), CONNECT_MILLIS);
            socket.setSoTimeout(ANSWER_MILLIS);
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            if (socket.getInputStream().read() < 0) {
                throw new IOException("the probe control closed without an answer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot report to the probe control at " + control, e);
        }
    }
}
