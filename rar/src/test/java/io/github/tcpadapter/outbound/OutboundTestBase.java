package io.github.tcpadapter.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ManagedConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/** Starts line servers on 127.0.0.1 and connects to them; closes all of it after each test. */
abstract class OutboundTestBase {

    static final String LOCALHOST = "127.0.0.1";
    static final int READ_TIMEOUT_MILLIS = 5_000;

    private final List<LineServer> servers = new ArrayList<>();
    private final List<TcpConnection> handles = new ArrayList<>();
    private final List<ManagedConnection> managedConnections = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (TcpConnection handle : handles) {
            handle.close();
        }
        for (ManagedConnection connection : managedConnections) {
            connection.destroy();
        }
        for (LineServer server : servers) {
            server.close();
        }
    }

    LineServer server(LineServer.Behaviour behaviour) throws IOException {
        return server(behaviour, 0);
    }

    LineServer server(LineServer.Behaviour behaviour, int port) throws IOException {
        LineServer server = new LineServer(behaviour, port);
        servers.add(server);
        return server;
    }

    static TcpManagedConnectionFactory managedFactoryFor(LineServer server) {
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost(LOCALHOST);
        factory.setPort(server.port());
        factory.setReadTimeoutMillis(READ_TIMEOUT_MILLIS);
        factory.setConnectTimeoutMillis(READ_TIMEOUT_MILLIS);
        return factory;
    }

    /** @param hosts the {@code host} property: a list of host:port entries */
    static TcpManagedConnectionFactory factoryForHosts(String hosts) {
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost(hosts);
        factory.setReadTimeoutMillis(READ_TIMEOUT_MILLIS);
        factory.setConnectTimeoutMillis(READ_TIMEOUT_MILLIS);
        return factory;
    }

    static TcpConnectionFactory factoryFor(LineServer server) throws ResourceException {
        return (TcpConnectionFactory) managedFactoryFor(server).createConnectionFactory();
    }

    TcpConnection connect(TcpConnectionFactory factory) throws ResourceException {
        TcpConnection connection = factory.getConnection();
        handles.add(connection);
        return connection;
    }

    TcpConnection connect(TcpManagedConnectionFactory factory) throws ResourceException {
        return connect((TcpConnectionFactory) factory.createConnectionFactory());
    }

    TcpManagedConnection managedConnection(TcpManagedConnectionFactory factory) throws ResourceException {
        ManagedConnection connection = factory.createManagedConnection(null, null);
        managedConnections.add(connection);
        assertThat(connection).isInstanceOf(TcpManagedConnection.class);
        return (TcpManagedConnection) connection;
    }

    /** @return a handle of the managed connection, as the pool takes one when it lends the connection */
    static TcpConnection handleOf(TcpManagedConnection managed) throws ResourceException {
        return (TcpConnection) managed.getConnection(null, null);
    }

    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            return socket.getLocalPort();
        }
    }

    /** Waits, at most 5 s, for what a peer did to reach this side's socket. */
    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    /** Fills the accept queue of {@code server}: the kernel then drops further connection requests unanswered. */
    static List<Socket> fillAcceptQueue(ServerSocket server) throws Exception {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket socket = new Socket();
            queued.add(socket);
            try {
                socket.connect(new InetSocketAddress(LOCALHOST, server.getLocalPort()), 200);
            } catch (java.net.SocketTimeoutException full) {
                return queued;
            }
        }
        throw new AssertionError("the accept queue never filled up");
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
