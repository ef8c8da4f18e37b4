package io.github.tcpadapter.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.inbound.session.SessionRegistry;
import io.github.tcpadapter.testing.LogCapture;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the listener tests share: a listener on a free port of 127.0.0.1 with a thread-backed work manager and fake
 * endpoints, {@value #IO_THREADS} event loops, line framing of at most {@value #MAX_FRAME_LENGTH} bytes, and
 * blocking line clients. After each test
 * the listener is stopped, and every work must have ended and every endpoint been released.
 */
abstract class ListenerTestSupport {

    static final String LOCALHOST = "127.0.0.1";
    static final int MAX_FRAME_LENGTH = 64;
    static final int TIMEOUT_MILLIS = 5_000;
    // the same on every machine, and more than one: a connection's events and the listener's timers run on any loop
    static final int IO_THREADS = 2;

    // the listener logs the client and bean failures these tests provoke on purpose
    private static final Logger INBOUND_LOG = Logger.getLogger("io.github.tcpadapter.inbound");
    private static Level savedLevel;

    final List<Socket> clients = new ArrayList<>();
    private final List<LogCapture> logs = new ArrayList<>();
    final SessionRegistry registry = new SessionRegistry();
    final ThreadWorkManager workManager = new ThreadWorkManager();
    final FakeEndpointFactory endpoints = new FakeEndpointFactory();
    InboundListener listener;
    int port;
    private boolean running;

    @BeforeAll
    static void quietLogs() {
        savedLevel = INBOUND_LOG.getLevel();
        INBOUND_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreLogs() {
        INBOUND_LOG.setLevel(savedLevel);
    }

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            for (Socket client : clients) {
                client.close();
            }
            if (running) {
                stopListener();
            }
            assertThat(workManager.awaitAllDone()).as("every work ended").isTrue();
            assertThat(endpoints.released).as("every endpoint released").hasValue(endpoints.created.get());
            assertThat(endpoints.misuses).isEmpty();
        } finally {
            logs.forEach(LogCapture::close);
        }
    }

    /** Records what the class's logger logs at INFO and above, instead of printing it, until the test ends. */
    LogCapture captureLog(Class<?> loggerClass) {
        LogCapture capture = LogCapture.install(Logger.getLogger(loggerClass.getName()), Level.INFO);
        logs.add(capture);
        return capture;
    }

    /** @return the settings of a test listener, after {@code configuration} changed the activation spec */
    ListenerSettings settings(Consumer<TcpActivationSpec> configuration) throws InvalidPropertyException {
        TcpActivationSpec spec = new TcpActivationSpec();
        spec.setPort(port);
        spec.setBindAddress(LOCALHOST);
        spec.setMaxFrameLength(MAX_FRAME_LENGTH);
        configuration.accept(spec);
        if (spec.getConnectTo() == null && spec.getIoThreads() == 0) {
            spec.setIoThreads(IO_THREADS);
        }
        return spec.settings();
    }

    void startListener() throws ResourceException {
        startListener(spec -> { });
    }

    void startListener(Consumer<TcpActivationSpec> configuration) throws ResourceException {
        startListener(settings(configuration));
    }

    void startListener(ListenerSettings settings) throws ResourceException {
        startListener(settings, 0);
    }

    void startListener(ListenerSettings settings, int portOffset) throws ResourceException {
        listener = new InboundListener(settings, endpoints, workManager, registry, portOffset);
        listener.start();
        running = true;
    }

    void stopListener() {
        running = false;
        listener.stop();
    }

    Socket client() throws IOException {
        Socket socket = new Socket();
        clients.add(socket);
        socket.connect(new InetSocketAddress(LOCALHOST, port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(UTF_8));
        out.flush();
    }

    /** Reads one LF-terminated line (bounded in length); fails on EOF or timeout. */
    static String readLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i <= MAX_FRAME_LENGTH + 1; i++) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after " + line.size() + " bytes of a line");
            }
            if (b == '\n') {
                return line.toString(UTF_8);
            }
            line.write(b);
        }
        throw new AssertionError("line longer than maxFrameLength: " + line.toString(UTF_8));
    }

    /** Sends one line and asserts the fake endpoint's answer to it. */
    static void assertAnswered(Socket socket, String text) throws IOException {
        send(socket, text + "\n");
        assertThat(readLine(socket)).isEqualTo("ok: " + text);
    }

    static void assertClosedByServer(Socket socket) throws IOException {
        assertThat(socket.getInputStream().read()).as("server closed the connection").isEqualTo(-1);
    }

    /** Asserts the listener closed the connection: end of stream, or a reset for what it did not read. */
    static void assertClosedOrReset(Socket socket) {
        try {
            assertThat(socket.getInputStream().read()).as("closed by the listener").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("not closed within " + TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            // reset: closed too
        }
    }

    /** Waits until the condition holds, checking every millisecond; fails after {@value #TIMEOUT_MILLIS} ms. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** @return whether nothing listens on the port any more: it can be bound again */
    boolean portIsFree() throws IOException {
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.setReuseAddress(true); // the closed connections may linger in TIME_WAIT
            rebound.bind(new InetSocketAddress(LOCALHOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
