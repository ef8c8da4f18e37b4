package io.github.tcpadapter.cluster.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway samples' backend, outside the cluster as a real one is (it does not stop with an instance): answers
 * every line with {@code ok: <line>}, as the sample's echo listener does, one thread per connection (the
 * instances' pools hold a few).
 */
final class BackendEcho implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private BackendEcho(ServerSocket server) {
        this.server = server;
    }

    static BackendEcho start(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        BackendEcho backend = new BackendEcho(server);
        Thread acceptor = new Thread(backend::accept, "backend-echo-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        return backend;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread thread = new Thread(() -> serve(connection), "backend-echo " + connection.getPort());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream out = connection.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(("ok: " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the instance closed its pooled connection
        } finally {
            connections.remove(connection);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
