package io.github.tcpadapter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ports for the tests' own listeners, so runs on one machine do not collide. */
final class FreePort {

    // the kernel may hand out a port it handed out a moment ago, once that socket is closed: two listeners of one
    // deployment then collide (seen: the chat bean's port was a probe's). A port is handed out once per JVM.
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** @return a port on 127.0.0.1 that the kernel just handed out as free, and this class never before */
    static int next() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
