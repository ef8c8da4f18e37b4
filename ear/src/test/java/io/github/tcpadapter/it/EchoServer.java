package io.github.tcpadapter.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test backend on 127.0.0.1 that answers each line with {@code echo: <line>} after a fixed think time, and
 * counts its connections and the requests it answers at once.
 */
final class EchoServer implements AutoCloseable {

    private final ServerSocket serverSocket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();

    private final long thinkMillis;

    /** @param thinkMillis how long each request takes, so that concurrent callers overlap as with a real backend */
    EchoServer(long thinkMillis) throws IOException {
        this.thinkMillis = thinkMillis;
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** @return how many connections the server accepted so far */
    int acceptedConnections() {
        return accepted.get();
    }

    /**
     * @return the most requests that were being answered at the same time: each needs a connection of its own,
     *     so this is how many connections the client used at once
     */
    int peakConcurrentRequests() {
        return peakInFlight.get();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                accepted.incrementAndGet();
                clients.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(
                     new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(thinkMillis);
                byte[] reply = ("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8);
                // done before the reply leaves: the client cannot reuse this connection before it has the reply
                inFlight.decrementAndGet();
                out.write(reply);
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(client);
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.shutdownNow();
    }
}
