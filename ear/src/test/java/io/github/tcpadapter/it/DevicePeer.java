package io.github.tcpadapter.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A device that is a server, as lab analysers and PLC gateways are: it listens on a fixed 127.0.0.1 port, which a
 * client-mode listener connects to, can be stopped and started again as a restarting device is, and may speak first
 * (a greeting as soon as it accepts), over TLS if it has a context. The test drives each accepted link as a
 * {@link LineClient}. Register it as a JUnit extension: it stops after the test class.
 */
final class DevicePeer implements AfterAllCallback {

    private final int port = FreePort.next();
    private final String greeting;
    private final SSLContext tls;
    private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
    private final BlockingQueue<LineClient> accepted = new LinkedBlockingQueue<>();
    private final Set<LineClient> links = ConcurrentHashMap.newKeySet();
    private ServerSocket serverSocket;
    private Future<?> acceptLoop;

    /** @param greeting the line the device sends on every link it accepts, or {@code null} to wait to be asked */
    DevicePeer(String greeting) {
        this(greeting, null);
    }

    /**
     * @param greeting the line the device sends on every link it accepts, or {@code null} to wait to be asked
     * @param tls the device's TLS server context, or {@code null} for plaintext
     */
    DevicePeer(String greeting, SSLContext tls) {
        this.greeting = greeting;
        this.tls = tls;
    }

    int port() {
        return port;
    }

    /** Listens on the port, again after a {@link #stop()}. */
    synchronized void start() throws IOException {
        if (serverSocket != null) {
            return;
        }
        ServerSocket socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        socket.setReuseAddress(true); // the stopped device's links may still be in TIME_WAIT
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        serverSocket = socket;
        acceptLoop = acceptor.submit(() -> acceptLoop(socket));
    }

    /** Stops listening and closes every link, as a device that goes down does. */
    synchronized void stop() throws Exception {
        if (serverSocket != null) {
            serverSocket.close();
            serverSocket = null;
            acceptLoop.get(5, TimeUnit.SECONDS);
        }
        for (LineClient link : links) {
            link.close();
        }
        links.clear();
        accepted.clear();
    }

    /**
     * @param seconds how long to wait at most
     * @return the next link the device accepted (after its greeting, if it has one)
     * @throws AssertionError when none came in time
     */
    LineClient nextLink(long seconds) throws InterruptedException {
        LineClient link = accepted.poll(seconds, TimeUnit.SECONDS);
        if (link == null) {
            throw new AssertionError("No link to the device on port " + port + " within " + seconds + " s");
        }
        return link;
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            LineClient link;
            try {
                client = socket.accept();
                link = new LineClient(client);
            } catch (IOException closed) {
                return;
            }
            links.add(link);
            try {
                if (client instanceof SSLSocket handshaking) {
                    handshaking.startHandshake(); // at once, as a device does, not at the test's first line
                }
                if (greeting != null) {
                    link.send(greeting);
                }
                accepted.add(link);
            } catch (IOException e) {
                // the adapter hung up at once: the test waits for the next link; stop() closes this one
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        acceptor.shutdownNow();
    }
}
