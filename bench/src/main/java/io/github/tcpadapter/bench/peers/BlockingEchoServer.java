package io.github.tcpadapter.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ServerSocketFactory;

/**
 * A LINE echo server in classic blocking java.io: a {@link ServerSocket}, one platform thread per connection
 * that reads into a buffer, writes each complete frame back and blocks for more. The baseline a team would write
 * without a framework. Process contract: {@link PeerProcess}.
 *
 * <p>Frames are found in the connection's own buffer, filled a read at a time, rather than byte by byte through
 * a {@code BufferedInputStream}: its {@code read()} takes a lock per byte, which would make this peer slow for a
 * reason no real blocking server has.
 */
public final class BlockingEchoServer implements AutoCloseable {

    private static final int BACKLOG = 128;
    private static final int INITIAL_BUFFER_BYTES = 8 * 1024;

    private final ServerSocket listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private BlockingEchoServer(int port, ServerTls tls) throws Exception {
        ServerSocketFactory sockets =
                tls == null ? ServerSocketFactory.getDefault() : tls.sslContext().getServerSocketFactory();
        listener = sockets.createServerSocket(port, BACKLOG, InetAddress.getByName("127.0.0.1"));
        acceptor = new Thread(this::acceptAll, "accept");
        acceptor.start();
    }

    /** @param args see {@link PeerProcess} */
    public static void main(String[] args) {
        PeerProcess.run("BlockingEchoServer", args, BlockingEchoServer::new);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket connection : connections) {
            connection.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptAll() {
        while (true) {
            Socket connection;
            try {
                connection = listener.accept();
                connection.setTcpNoDelay(true);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("BlockingEchoServer: accepting failed, no more connections: " + e);
                }
                return;
            }
            connections.add(connection);
            new Thread(() -> serve(connection), "echo-" + connection.getPort()).start();
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            echoFrames(connection.getInputStream(), connection.getOutputStream());
        } catch (IOException e) {
            // the client reset the connection, sent an oversized frame or failed its handshake: only it ends
        } finally {
            connections.remove(connection);
        }
    }

    /** Writes back every {@code '\n'}-terminated frame read, until the client closes its side. */
    private static void echoFrames(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[INITIAL_BUFFER_BYTES];
        int start = 0; // first byte of the frame being read
        int end = 0; // end of the bytes read so far
        int scanned = 0; // bytes before this hold no '\n' of the current frame
        while (true) {
            for (; scanned < end; scanned++) {
                if (buffer[scanned] == '\n') {
                    // one write per frame on the unbuffered socket stream: the frame leaves at once
                    out.write(buffer, start, scanned + 1 - start);
                    start = scanned + 1;
                }
            }
            if (start == end) {
                start = end = scanned = 0;
            } else if (end == buffer.length) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                } else if (buffer.length < PeerProcess.MAX_FRAME_BYTES) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                } else {
                    throw new IOException("frame longer than " + PeerProcess.MAX_FRAME_BYTES + " bytes");
                }
                end -= start;
                scanned = end;
                start = 0;
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                return;
            }
            end += read;
        }
    }
}
