package io.github.tcpadapter.it;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A line peer on a fixed 127.0.0.1 port that can be stopped and started again, as a restarting backend is. It
 * answers each line with {@code echo: <line>}, or misbehaves as told, and checks that no connection carries two
 * requests at once. Register it as a JUnit extension: it stops after the test class.
 */
final class RestartablePeer implements AfterAllCallback {

    /** What the peer does with each line. */
    enum Mode {
        /** answers {@code echo: <line>} after the think time */
        ECHO,
        /** never answers */
        SILENT,
        /** writes half of the answer, then closes the connection */
        DIE_MID_REPLY,
        /**
         * connections accepted in this mode read nothing, so their clients' writes soon block, until the mode
         * changes (at most {@value #HOLD_SECONDS} s); then they answer like the new mode
         */
        NEVER_READ
    }

    // bounds how long a NEVER_READ connection waits
    private static final long HOLD_SECONDS = 30;

    private final int port;
    private final long thinkMillis;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicInteger overlapping = new AtomicInteger();
    private volatile Mode mode = Mode.ECHO;
    private volatile ServerSocket serverSocket;
    private Future<?> acceptLoop;
    private volatile CountDownLatch unansweredClosed = new CountDownLatch(1);
    private volatile CountDownLatch readingAllowed = new CountDownLatch(0);
    private volatile CountDownLatch heldRequests = new CountDownLatch(0);
    private volatile long holdMillis;

    /** @param thinkMillis how long each answer takes, so that concurrent callers overlap */
    RestartablePeer(long thinkMillis) {
        this.port = FreePort.next();
        this.thinkMillis = thinkMillis;
    }

    int port() {
        return port;
    }

    void mode(Mode mode) {
        CountDownLatch previous = readingAllowed;
        readingAllowed = new CountDownLatch(mode == Mode.NEVER_READ ? 1 : 0);
        this.mode = mode;
        previous.countDown();
    }

    /**
     * Holds every answer until this many requests have arrived, so that as many callers hold a connection at once.
     *
     * @param requests how many requests to wait for
     * @param maxMillis how long an answer is held at most: a request that never arrives delays the others, it
     *     does not stop them
     */
    void holdRepliesUntil(int requests, long maxMillis) {
        heldRequests = new CountDownLatch(requests);
        holdMillis = maxMillis;
    }

    /** Listens on the port, again after a {@link #stop()}. */
    synchronized void start() throws IOException {
        if (serverSocket != null) {
            return;
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the stopped peer's connections may still be in TIME_WAIT
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        serverSocket = socket;
        acceptLoop = threads.submit(() -> acceptLoop(socket));
    }

    /** Stops listening and closes every connection, as a peer that goes down does. */
    synchronized void stop() throws Exception {
        if (serverSocket != null) {
            serverSocket.close();
            serverSocket = null;
            // the port is free only once the accepting thread has left accept()
            acceptLoop.get(5, TimeUnit.SECONDS);
        }
        for (Socket client : clients) {
            client.close();
        }
        clients.clear();
    }

    /** @return how many connections the peer accepted */
    int accepted() {
        return accepted.get();
    }

    /** @return how many requests the peer answered */
    int answered() {
        return answered.get();
    }

    /** @return the most requests being answered at once: each needs a connection of its own */
    int peakConcurrentRequests() {
        return peakInFlight.get();
    }

    /** @return how often a connection carried a request before the one in progress was answered */
    int overlappingRequests() {
        return overlapping.get();
    }

    /** Starts watching for the client to close the next connection whose request stays unanswered. */
    void expectUnansweredConnectionClosed() {
        unansweredClosed = new CountDownLatch(1);
    }

    /** @return whether the client closed the connection of an unanswered request within the time */
    boolean unansweredConnectionClosedWithin(long seconds) throws InterruptedException {
        return unansweredClosed.await(seconds, TimeUnit.SECONDS);
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                accepted.incrementAndGet();
                clients.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        boolean unanswered = false;
        try (client;
             BufferedReader in = new BufferedReader(
                     new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            readingAllowed.await(HOLD_SECONDS, TimeUnit.SECONDS);
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                switch (mode) {
                    case ECHO -> answer(in, out, line);
                    case SILENT, NEVER_READ -> unanswered = true;
                    case DIE_MID_REPLY -> {
                        out.write("echo: ha".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                }
            }
            if (unanswered) {
                unansweredClosed.countDown(); // end of stream: the client closed it
            }
        } catch (IOException e) {
            // stopped, or the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(client);
        }
    }

    private void answer(BufferedReader in, OutputStream out, String line) throws IOException, InterruptedException {
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        CountDownLatch held = heldRequests;
        held.countDown();
        held.await(holdMillis, TimeUnit.MILLISECONDS);
        Thread.sleep(thinkMillis);
        // a caller waits for its reply before its next request: more bytes now mean a second caller on this socket
        if (in.ready()) {
            overlapping.incrementAndGet();
        }
        answered.incrementAndGet();
        // done before the reply leaves: the client cannot reuse this connection before it has the reply
        inFlight.decrementAndGet();
        out.write(("echo: " + line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        threads.shutdownNow();
    }
}
