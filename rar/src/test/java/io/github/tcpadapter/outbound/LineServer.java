package io.github.tcpadapter.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A line server on 127.0.0.1 with a thread per client; records the lines it receives and who sent them. */
final class LineServer implements AutoCloseable {

    /** What the server does with each line. */
    enum Behaviour {
        /** answers each line with "echo: " + line */
        ECHO,
        /** answers each line with two lines, "echo: " + line and "extra: " + line */
        ECHO_TWICE,
        /** reads lines, never answers */
        SILENT,
        /** reads one line, then closes the connection */
        CLOSE_AFTER_READ,
        /** answers each line with "echo: " + line, one byte every 100 ms */
        TRICKLE,
        /** reads one line, then resets the connection */
        RESET_AFTER_READ,
        /** answers one line with "echo: " + line, then closes the connection */
        ECHO_AND_CLOSE,
        /** says "hello" when a client connects, then answers each line with "echo: " + line */
        GREET
    }

    final AtomicInteger accepted = new AtomicInteger();
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final BlockingQueue<InetSocketAddress> clientAddresses = new LinkedBlockingQueue<>();
    final Semaphore disconnected = new Semaphore(0);
    // a permit per greeting written (GREET); on loopback the bytes are in the client's socket once it is released
    final Semaphore greeted = new Semaphore(0);
    private final Behaviour behaviour;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Thread> workers = new CopyOnWriteArrayList<>();

    LineServer(Behaviour behaviour) throws IOException {
        this(behaviour, 0);
    }

    /** @param port the port to listen on, 0 for any free one */
    LineServer(Behaviour behaviour, int port) throws IOException {
        this.behaviour = behaviour;
        this.serverSocket = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::acceptLoop, "line-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** Writes a line nobody asked for to every connected client. */
    void pushToClients(String line) throws IOException {
        for (Socket client : clients) {
            OutputStream out = client.getOutputStream();
            out.write((line + "\n").getBytes(UTF_8));
            out.flush();
        }
    }

    /**
     * Closes every client connection, as a restarting peer does, and waits until each is closed.
     *
     * @param reset whether to reset the connections (SO_LINGER 0) instead of closing them cleanly
     */
    void dropClients(boolean reset) throws Exception {
        int count = clients.size();
        for (Socket client : clients) {
            if (reset) {
                client.setSoLinger(true, 0);
            }
            client.close();
        }
        clients.clear();
        assertThat(disconnected.tryAcquire(count, 5, TimeUnit.SECONDS)).isTrue();
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            clients.add(client); // before it is counted: dropClients must find every client counted
            accepted.incrementAndGet();
            clientAddresses.add((InetSocketAddress) client.getRemoteSocketAddress());
            Thread worker = new Thread(() -> serve(client), "line-server-client");
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void serve(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8))) {
            OutputStream out = client.getOutputStream();
            if (behaviour == Behaviour.GREET) {
                write(out, "hello\n");
                greeted.release();
            }
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                switch (behaviour) {
                    case ECHO, GREET -> write(out, "echo: " + line + "\n");
                    case ECHO_TWICE -> write(out, "echo: " + line + "\nextra: " + line + "\n");
                    case SILENT -> {
                        // never answers
                    }
                    case CLOSE_AFTER_READ -> {
                        return;
                    }
                    case TRICKLE -> trickle(out, "echo: " + line + "\n");
                    case RESET_AFTER_READ -> {
                        client.setSoLinger(true, 0);
                        return;
                    }
                    case ECHO_AND_CLOSE -> {
                        write(out, "echo: " + line + "\n");
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            disconnected.release();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    private static void trickle(OutputStream out, String reply) throws IOException {
        for (byte b : reply.getBytes(UTF_8)) {
            out.write(b);
            out.flush();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        PeerThreads.join(acceptor);
        for (Socket client : clients) {
            client.close();
        }
        for (Thread worker : workers) {
            PeerThreads.join(worker);
        }
        assertThat(acceptor.isAlive()).isFalse();
        assertThat(workers).noneMatch(Thread::isAlive);
    }
}
