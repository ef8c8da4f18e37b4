package io.github.tcpadapter.bench.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM that opens {@code count} connections to a port of 127.0.0.1 and holds them, idle, until its stdin
 * ends: says {@code ready} once all are open.
 */
public final class IdleClients {

    private IdleClients() {
    }

    /** @param args port, count */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        List<Socket> sockets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            sockets.add(socket);
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            continue; // held until the run closes our stdin
        }
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
