package io.github.tcpadapter.outbound;

import io.github.tcpadapter.testing.PeerThreads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A peer on 127.0.0.1 that accepts connections and takes (almost) none of the bytes sent to it, with a receive
 * buffer of 4 KiB, so that a client's writes of a few MiB soon have to wait for it.
 */
final class StallingPeer implements AutoCloseable {

    private static final int RECEIVE_BUFFER_SIZE = 4_096;
    private static final int TRICKLE_BYTES = 1_024;
    private static final long TRICKLE_PAUSE_MILLIS = 20;

    private final boolean trickle;
    private final ServerSocket serverSocket;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final PeerThreads threads = new PeerThreads("stalling-peer");

    /** @param trickle whether to read 1 KiB every 20 ms (a peer too slow for the write) instead of nothing */
    StallingPeer(boolean trickle) throws IOException {
        this.trickle = trickle;
        serverSocket = new ServerSocket();
        // accepted sockets inherit it; set before binding, so the window is this small from the handshake on
        serverSocket.setReceiveBufferSize(RECEIVE_BUFFER_SIZE);
        serverSocket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        threads.start(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** @return how many bytes the peer received and did not read, on all its connections */
    int unreadBytes() {
        int unread = 0;
        for (Socket client : clients) {
            try {
                unread += client.getInputStream().available();
            } catch (IOException closed) {
                // counts nothing
            }
        }
        return unread;
    }

    private void acceptLoop() {
        while (true) {
            try {
                Socket client = serverSocket.accept();
                clients.add(client);
                if (trickle) {
                    threads.start(() -> trickle(client));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void trickle(Socket client) {
        byte[] chunk = new byte[TRICKLE_BYTES];
        try {
            InputStream in = client.getInputStream();
            while (in.read(chunk) >= 0) {
                Thread.sleep(TRICKLE_PAUSE_MILLIS); // the slowness is the point: not waiting for anything
            }
        } catch (IOException e) {
            // closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.join();
    }
}
