package io.github.tcpadapter.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A test backend on 127.0.0.1 for one connection: reads a request of a known length, answers with scripted
 * bytes (then, if told, closes its side), and records everything else it receives until the client closes, so a
 * test sees the exact bytes sent.
 */
final class ScriptedPeer implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 15_000;

    private final ServerSocket serverSocket;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<byte[]> received;

    /**
     * @param requestLength how many bytes to read before answering
     * @param answer the bytes to answer with
     * @param closeAfterAnswer whether to shut the output down after the answer, which ends it for formats that
     *     end a frame by closing
     */
    ScriptedPeer(int requestLength, byte[] answer, boolean closeAfterAnswer) throws IOException {
        serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        received = thread.submit(() -> serve(requestLength, answer, closeAfterAnswer));
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** @return every byte the client sent, once it closed the connection */
    byte[] received() throws Exception {
        return received.get(2 * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private byte[] serve(int requestLength, byte[] answer, boolean closeAfterAnswer) throws IOException {
        serverSocket.setSoTimeout(2 * TIMEOUT_MILLIS);
        try (Socket client = serverSocket.accept()) {
            client.setSoTimeout(TIMEOUT_MILLIS);
            InputStream in = client.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(in.readNBytes(requestLength));
            client.getOutputStream().write(answer);
            if (closeAfterAnswer) {
                client.shutdownOutput();
            }
            all.writeBytes(in.readAllBytes());
            return all.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        thread.shutdownNow();
    }
}
