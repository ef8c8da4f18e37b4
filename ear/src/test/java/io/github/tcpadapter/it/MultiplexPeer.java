package io.github.tcpadapter.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A peer on 127.0.0.1 that answers many requests in flight on one connection, each after a random delay, so replies
 * leave out of order, as a payment switch or HL7 engine does. What it writes for a request is its responder's frames
 * (the reply, or unsolicited frames and the reply; none to hold the request). Register it as a JUnit extension: it
 * stops after the test class.
 */
final class MultiplexPeer implements AfterAllCallback {

    /** How frames are cut on the wire: the factory's {@code framing} must match. */
    enum Framing {
        /** a line ending with LF */
        LINE,
        /** MLLP: 0x0B, the message, 0x1C 0x0D */
        MLLP,
        /** a two-byte big-endian length before each message */
        LENGTH2
    }

    private final Framing framing;
    private final int maxDelayMillis;
    private final ServerSocket server;
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService writers = Executors.newScheduledThreadPool(4);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger overtaken = new AtomicInteger();
    private volatile Function<byte[], List<byte[]>> responder;
    private volatile int minDelayMillis;

    /**
     * @param framing the wire format
     * @param maxDelayMillis each answer waits a random time up to this
     * @param responder the frames to write for a request
     */
    MultiplexPeer(Framing framing, int maxDelayMillis, Function<byte[], List<byte[]>> responder) {
        this.framing = framing;
        this.maxDelayMillis = maxDelayMillis;
        this.responder = responder;
        try {
            server = new ServerSocket(FreePort.next(), 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("The peer cannot listen", e);
        }
        readers.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return connections accepted so far */
    int accepted() {
        return accepted.get();
    }

    /** @return requests read so far */
    int received() {
        return received.get();
    }

    /** @return answers written after the answer to a later request of the same connection: proof of disorder */
    int overtaken() {
        return overtaken.get();
    }

    /** Makes the peer wait at least this long, and at most {@code maxDelayMillis} more, before each later answer. */
    void answerAfter(int millis) {
        minDelayMillis = millis;
    }

    /** Makes the peer answer each later request with what this returns. */
    void respond(Function<byte[], List<byte[]>> frames) {
        responder = frames;
    }

    /** Closes every connection at once, with a reset, as a link cut under load is; the peer keeps listening. */
    void killConnections() throws IOException {
        // those open now: a connection the adapter opens again meanwhile stays
        for (Socket connection : List.copyOf(connections)) {
            connection.setSoLinger(true, 0);
            connection.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                accepted.incrementAndGet();
                connections.add(connection);
                readers.execute(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
             DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream()))) {
            OutputStream out = connection.getOutputStream();
            AtomicInteger latestWritten = new AtomicInteger(-1);
            byte[] request;
            for (int number = 0; (request = read(in)) != null; number++) {
                received.incrementAndGet();
                List<byte[]> frames = responder.apply(request);
                int sequence = number;
                int delay = minDelayMillis + ThreadLocalRandom.current().nextInt(maxDelayMillis + 1);
                writers.schedule(() -> write(out, frames, sequence, latestWritten), delay, TimeUnit.MILLISECONDS);
            }
        } catch (IOException gone) {
            // the adapter or the test closed the connection
        } finally {
            connections.remove(connection);
        }
    }

    // sequence: the request's number on its connection; latestWritten: the highest one answered so far
    private void write(OutputStream out, List<byte[]> frames, int sequence, AtomicInteger latestWritten) {
        synchronized (out) {
            if (sequence < latestWritten.get()) {
                overtaken.incrementAndGet();
            } else {
                latestWritten.set(sequence);
            }
            try {
                for (byte[] frame : frames) {
                    out.write(frame(frame));
                }
                out.flush();
            } catch (IOException gone) {
                // a killed connection: its requests are the adapter's to fail
            }
        }
    }

    private byte[] read(DataInputStream in) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        switch (framing) {
            case LINE -> {
                int b;
                while ((b = in.read()) != '\n') {
                    if (b < 0) {
                        return null;
                    }
                    frame.write(b);
                }
            }
            case MLLP -> {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                while ((b = in.read()) != 0x1C) {
                    if (b < 0) {
                        throw new EOFException("inside a frame");
                    }
                    frame.write(b);
                }
                in.read(); // the CR after 0x1C
            }
            case LENGTH2 -> {
                int high = in.read();
                if (high < 0) {
                    return null;
                }
                byte[] message = new byte[(high << 8) | in.readUnsignedByte()];
                in.readFully(message);
                return message;
            }
        }
        return frame.toByteArray();
    }

    private byte[] frame(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (framing) {
            case LINE -> {
                out.writeBytes(message);
                out.write('\n');
            }
            case MLLP -> {
                out.write(0x0B);
                out.writeBytes(message);
                out.write(0x1C);
                out.write(0x0D);
            }
            case LENGTH2 -> {
                out.write(message.length >> 8);
                out.write(message.length);
                out.writeBytes(message);
            }
        }
        return out.toByteArray();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        server.close();
        killConnections();
        readers.shutdownNow();
        writers.shutdownNow();
    }
}
