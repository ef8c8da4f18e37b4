package io.github.tcpadapter.tls;

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
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS line peer on 127.0.0.1 with a thread per client, for the outbound tests: it answers each line with
 * {@code "echo: " + line}, or completes the handshake and then reads nothing. Before it answers the line
 * {@value #REKEY}, it starts a new handshake on that connection: a TLS 1.3 key update the client must answer, or a
 * TLS 1.2 renegotiation. It records the certificate each
 * client presented and each failed handshake. The certificate it presents can be changed for new connections,
 * as a peer that restarts with another certificate would.
 */
public final class TlsEchoPeer implements AutoCloseable {

    /** What the peer does after the handshake. */
    public enum Mode {
        /** answers each line with "echo: " + line */
        ECHO,
        /** reads nothing, with a receive buffer of 4 KiB: a client's large writes soon have to wait */
        DEAF
    }

    /** The line that makes the peer start a new handshake before it answers. */
    public static final String REKEY = "rekey";

    private static final int DEAF_RECEIVE_BUFFER = 4_096;
    // a client that never completes its handshake holds a peer thread no longer than this
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    /** The subject of each client's certificate, or {@code "none"}, in the order the handshakes completed. */
    public final BlockingQueue<String> clientPrincipals = new LinkedBlockingQueue<>();
    /** The message of each failed handshake. */
    public final BlockingQueue<String> handshakeFailures = new LinkedBlockingQueue<>();
    /** Each line received. */
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    /** How many TCP connections were accepted. */
    public final AtomicInteger accepted = new AtomicInteger();

    private final Mode mode;
    private final boolean needClientAuth;
    private final Path trustStore;
    private volatile SSLContext context;
    private final ServerSocket serverSocket;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    // the TCP sockets under the TLS ones, to count what arrived unread
    private final List<Socket> rawClients = new CopyOnWriteArrayList<>();
    private final PeerThreads threads = new PeerThreads("tls-echo-peer");
    private final Semaphore disconnected = new Semaphore(0);

    /**
     * @param keyStore the peer's key store (password {@link TestCertificates#PASSWORD}, type told from the file)
     * @param trustStore the certificates that may sign a client's, or {@code null} when no client certificate
     *     is asked for
     * @param needClientAuth whether a client without a trusted certificate is refused
     * @param mode what to do after the handshake
     */
    public TlsEchoPeer(Path keyStore, Path trustStore, boolean needClientAuth, Mode mode) throws IOException {
        this.mode = mode;
        this.needClientAuth = needClientAuth;
        this.trustStore = trustStore;
        this.context = context(keyStore, trustStore);
        serverSocket = new ServerSocket();
        if (mode == Mode.DEAF) {
            // accepted sockets inherit it; set before binding, so the window is this small from the start
            serverSocket.setReceiveBufferSize(DEAF_RECEIVE_BUFFER);
        }
        serverSocket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        threads.start(this::acceptLoop);
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** @return how many bytes (TLS records) the peer received and did not read, on all its connections */
    public int unreadBytes() {
        int unread = 0;
        for (Socket raw : rawClients) {
            try {
                unread += raw.getInputStream().available(); // the kernel's count: reads nothing
            } catch (IOException closed) {
                // counts nothing
            }
        }
        return unread;
    }

    /** Presents the certificate of {@code keyStore} to the connections accepted from now on. */
    public void present(Path keyStore) {
        context = context(keyStore, trustStore);
    }

    /** Closes every client connection (TLS close_notify, then the socket) and waits until each is closed. */
    public void dropClients() throws Exception {
        int count = clients.size();
        for (Socket client : clients) {
            client.close();
        }
        clients.clear();
        if (!disconnected.tryAcquire(count, 5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clients still served after 5 s");
        }
    }

    /**
     * @param keyStore a server's key store (password {@link TestCertificates#PASSWORD})
     * @param trustStore the certificates that may sign a client's, or {@code null}
     * @return a context for a test's own TLS server
     */
    public static SSLContext context(Path keyStore, Path trustStore) {
        try {
            char[] password = TestCertificates.PASSWORD.toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStore.getInstance(keyStore.toFile(), password), password);
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(KeyStore.getInstance(trustStore.toFile(), password));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up the test peer's TLS", e);
        }
    }

    private void acceptLoop() {
        while (true) {
            Socket raw;
            try {
                raw = serverSocket.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            rawClients.add(raw);
            try {
                raw.setTcpNoDelay(true); // one record per reply: no waiting for the client's delayed ACK
                SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket(raw, null, raw.getPort(),
                        true);
                client.setUseClientMode(false);
                if (needClientAuth) {
                    client.setNeedClientAuth(true);
                } else {
                    client.setWantClientAuth(trustStore != null); // would clear "need"
                }
                clients.add(client);
                threads.start(() -> serve(client));
            } catch (IOException e) {
                handshakeFailures.add(String.valueOf(e.getMessage()));
                closeQuietly(raw);
            }
        }
    }

    private void serve(SSLSocket client) {
        boolean keepOpen = false;
        try {
            client.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            try {
                client.startHandshake();
            } catch (IOException e) {
                handshakeFailures.add(String.valueOf(e.getMessage()));
                return;
            }
            clientPrincipals.add(principal(client));
            if (mode == Mode.DEAF) {
                keepOpen = true; // nobody reads it: dropClients or close closes it
                return;
            }
            client.setSoTimeout(0);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8));
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                received.add(line);
                if (REKEY.equals(line)) {
                    client.startHandshake();
                }
                out.write(("echo: " + line + "\n").getBytes(UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away, or dropClients closed it
        } finally {
            if (!keepOpen) {
                closeQuietly(client);
            }
            disconnected.release();
        }
    }

    private static String principal(SSLSocket client) {
        try {
            return client.getSession().getPeerPrincipal().getName();
        } catch (SSLPeerUnverifiedException e) {
            return "none";
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
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
