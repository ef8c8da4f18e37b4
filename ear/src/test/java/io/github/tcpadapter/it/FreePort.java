package io.github.tcpadapter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for the tests' own listeners, so runs on one machine do not collide. */
final class FreePort {

    private FreePort() {
    }

    /** @return a port on 127.0.0.1 that the kernel just handed out as free */
    static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
