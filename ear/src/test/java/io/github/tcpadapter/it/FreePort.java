package io.github.tcpadapter.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the tests' own listeners: free on 127.0.0.1 when handed out, each handed out once per JVM, and below
 * the kernel's ephemeral range (Linux: from 32768), from which every outgoing connection, the tests' clients and
 * the server's own, takes its local port: a port chosen there can be taken by one of them before the deployment
 * binds it. The servers' own ports are above this range (20000 and up).
 */
final class FreePort {

    private static final int FIRST = 12_000;
    private static final int COUNT = 8_000;
    // runs on one machine start apart
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() % COUNT));

    private FreePort() {
    }

    /** @return a port on 127.0.0.1 that nothing was bound to a moment ago, and this class never handed out before */
    static int next() {
        for (int tried = 0; tried < COUNT; tried++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), COUNT);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port in " + FIRST + "-" + (FIRST + COUNT - 1));
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
