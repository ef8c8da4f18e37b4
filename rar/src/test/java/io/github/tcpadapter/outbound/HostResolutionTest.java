package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpTimeoutException;
import jakarta.resource.ResourceException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A host name with several addresses, each tried in turn, and a name service bounded by the connect deadline. */
class HostResolutionTest extends OutboundTestBase {

    // 127.0.0.2 and 127.0.0.3 are this machine too, where no test server listens (but the one that says so)
    private static final String REFUSING = "127.0.0.2";
    private static final String REFUSING_TOO = "127.0.0.3";

    private final CountDownLatch nameServiceAnswers = new CountDownLatch(1);

    @AfterEach
    void releaseTheNameService() {
        nameServiceAnswers.countDown();
    }

    @Test
    void everyAddressOfAHostIsTriedInTurn() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = factoryForHosts("backend.test:" + server.port());
        factory.resolveNamesWith(host -> addresses(REFUSING, LOCALHOST));

        TcpConnection connection = connect(factory);

        assertThat(text(connection.request(bytes("hi")))).isEqualTo("echo: hi");
        assertThat(server.accepted).hasValue(1);
    }

    @Test
    void whenNoAddressAnswersTheErrorNamesEachAddressAndWhy() throws Exception {
        int port = unusedPort();
        TcpManagedConnectionFactory factory = factoryForHosts("backend.test:" + port);
        factory.resolveNamesWith(host -> addresses(REFUSING, REFUSING_TOO));

        ResourceException failure = catchThrowableOfType(ResourceException.class, () -> connect(factory));

        assertThat(failure).isNotInstanceOf(TcpTimeoutException.class)
                .hasMessage("Cannot connect to backend.test:" + port + " (" + REFUSING + ": Connection refused, "
                        + REFUSING_TOO + ": Connection refused)");
        assertThat(failure.getCause().getSuppressed()).hasSize(1);
    }

    // each address gets an equal share of the time left: one that never answers leaves time for the next
    @Test
    void anAddressThatNeverAnswersLeavesTimeForTheNext() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST));
                ServerSocket next = new ServerSocket(silent.getLocalPort(), 1, InetAddress.getByName(REFUSING))) {
            List<Socket> queued = fillAcceptQueue(silent);
            TcpManagedConnectionFactory factory = factoryForHosts("backend.test:" + silent.getLocalPort());
            factory.setConnectTimeoutMillis(3_000);
            factory.resolveNamesWith(host -> addresses(LOCALHOST, REFUSING));

            long start = System.nanoTime();
            TcpManagedConnection connection = managedConnection(factory);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                    .as("half the connect timeout for the silent address, then the next").isBetween(1_400L, 2_500L);
            assertThat(connection.isValid()).isTrue();
            try (Socket accepted = next.accept()) {
                assertThat(accepted.getLocalAddress()).isEqualTo(InetAddress.getByName(REFUSING));
            }
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void aNameServiceThatHangsFailsTheConnectWithinTheConnectTimeout() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        TcpManagedConnectionFactory factory = factoryForHosts("hanging.test:7000");
        factory.setConnectTimeoutMillis(300);
        factory.resolveNamesWith(host -> {
            lookups.incrementAndGet();
            try {
                // as the JDK's lookup of a name server that does not answer; bounded, so that a failure is no hang
                nameServiceAnswers.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        });

        for (int attempt = 0; attempt < 2; attempt++) {
            long start = System.nanoTime();
            TcpTimeoutException failure = catchThrowableOfType(TcpTimeoutException.class, () -> connect(factory));
            assertThat(failure).hasMessage("Cannot connect to hanging.test:7000 (name not resolved within 300 ms)");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 4_000L);
        }
        assertThat(lookups).as("the second connect waits for the lookup under way").hasValue(1);
    }

    private static InetAddress[] addresses(String... literals) throws UnknownHostException {
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            addresses[i] = InetAddress.getByName(literals[i]);
        }
        return addresses;
    }
}
