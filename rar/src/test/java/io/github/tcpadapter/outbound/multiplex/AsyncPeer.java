package io.github.tcpadapter.outbound.multiplex;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.tcpadapter.testing.PeerThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A line peer on 127.0.0.1 with a thread per client that hands each line to the test's {@link Answer}; replies may be
 * written later from any thread ({@link #later}), so that they come out of order.
 */
final class AsyncPeer implements AutoCloseable {

    /** What the peer does with a line it read. */
    @FunctionalInterface
    interface Answer {
        void line(Client client, String line);
    }

    /** One accepted connection. */
    static final class Client {

        private final Socket socket;
        private final OutputStream out;
        private final ScheduledExecutorService later;

        Client(Socket socket, ScheduledExecutorService later) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.later = later;
        }

        /** Writes one line after a delay, from the peer's scheduler: replies then come out of order. */
        void sendLater(String line, long delayMillis) {
            later.schedule(() -> send(line), delayMillis, TimeUnit.MILLISECONDS);
        }

        /** Writes one line; a closed socket is ignored (the test killed it). */
        synchronized void send(String line) {
            try {
                out.write((line + "\n").getBytes(UTF_8));
                out.flush();
            } catch (IOException closed) {
                // the test killed the connection: the reply is lost, as over a real network
            }
        }

        /** Resets the connection (RST), as a crashed peer or a middlebox does. */
        void kill() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    final AtomicInteger accepted = new AtomicInteger();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final List<Client> clients = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final PeerThreads threads = new PeerThreads("async-peer");
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "async-peer-later");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Answer answer;
    private final boolean reads;

    /**
     * @param answer what to do with each line
     * @param reads whether the peer reads at all: a peer that does not never takes the bytes sent to it
     */
    AsyncPeer(Answer answer, boolean reads) throws IOException {
        this.answer = answer;
        this.reads = reads;
        this.server = new ServerSocket();
        if (!reads) {
            server.setReceiveBufferSize(4096); // before bind: it sets the window the connections start with
        }
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        threads.start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void answer(Answer answer) {
        this.answer = answer;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Client client = new Client(socket, later);
                clients.add(client);
                accepted.incrementAndGet();
                if (reads) {
                    threads.start(() -> read(socket, client));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket socket, Client client) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                answer.line(client, line);
            }
        } catch (IOException closed) {
            // the client or the test closed it
        }
    }

    @Override
    public void close() throws IOException {
        later.shutdownNow();
        server.close();
        for (Client client : clients) {
            client.socket.close();
        }
        threads.join();
    }
}
