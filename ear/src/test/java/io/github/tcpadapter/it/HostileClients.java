package io.github.tcpadapter.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/** The peers a listener must survive, each bounded in count and time: the fault tests and the soak run use them. */
final class HostileClients {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private HostileClients() {
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /**
     * Writes lines of {@code lineBytes} and never reads, until the server closes the connection, {@code millis}
     * pass or {@code over} is set; its receive buffer is 4 KiB so that replies pile up at the server.
     *
     * @param sockets where the socket is registered, so that the test can close it to end a blocked write
     * @return whether the server closed the connection
     */
    static boolean sendWithoutReading(int port, int lineBytes, long millis, List<Socket> sockets,
            AtomicBoolean over) {
        byte[] line = ("x".repeat(lineBytes - 1) + "\n").getBytes(StandardCharsets.UTF_8);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try (Socket socket = new Socket()) {
            sockets.add(socket);
            socket.setReceiveBufferSize(4 * 1024);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            while (System.nanoTime() < end && !over.get()) {
                out.write(line);
            }
            return false;
        } catch (IOException e) {
            return !over.get(); // a write the server's close broke, not the test's
        }
    }

    /** @return how many of {@code connects} connections to a full listener the server closed at once */
    static int flood(int port, int connects) throws IOException {
        int closed = 0;
        for (int i = 0; i < connects; i++) {
            try (Socket excess = connect(port)) {
                closed += closedByServer(excess.getInputStream()) ? 1 : 0;
            }
        }
        return closed;
    }

    /**
     * Sends {@code bytes} random bytes without a line end on each of {@code clients} connections in turn.
     *
     * @return how many of them the server closed for breaking the framing
     */
    static int sendGarbage(int port, int clients, int bytes, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] garbage = new byte[bytes];
        int closed = 0;
        for (int c = 0; c < clients; c++) {
            random.nextBytes(garbage);
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = garbage[i] == '\n' ? 0 : garbage[i];
            }
            try (Socket socket = connect(port)) {
                try {
                    socket.getOutputStream().write(garbage);
                } catch (SocketException closedWhileWriting) {
                    closed++;
                    continue;
                }
                closed += closedByServer(socket.getInputStream()) ? 1 : 0;
            }
        }
        return closed;
    }

    /** @return whether the server closed a connection announcing a 2^31-1 byte frame, without waiting for it */
    static boolean sendHugeLengthHeader(int port) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array());
            out.write("only a few bytes".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return closedByServer(socket.getInputStream());
        }
    }

    /**
     * Opens {@code clients} connections and sends one byte a second on each, never a whole line.
     *
     * @return the connections, still open
     */
    static List<Socket> slowloris(int port, int clients, int seconds) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                sockets.add(connect(port));
            }
            for (int second = 0; second < seconds; second++) {
                for (Socket socket : sockets) {
                    socket.getOutputStream().write('s');
                }
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // the attack's pace, not a synchronisation
            }
            return sockets;
        } catch (IOException | RuntimeException e) {
            closeAll(sockets);
            throw e;
        }
    }

    static boolean closedByServer(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** Closes the sockets; the list may be a synchronized one that other threads still add to. */
    static void closeAll(List<Socket> sockets) {
        List<Socket> copy;
        synchronized (sockets) {
            copy = List.copyOf(sockets);
        }
        for (Socket socket : copy) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing after the attack: nothing more to do
            }
        }
    }
}
