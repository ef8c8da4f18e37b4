package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpTimeoutException;
import jakarta.resource.ResourceException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connecting to a list of hosts, and the errors when none answers. */
class FailoverTest extends OutboundTestBase {

    @Test
    void whenTheFirstHostIsDownTheSecondAnswers() throws Exception {
        int down = unusedPort();
        LineServer second = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = factoryForHosts(LOCALHOST + ":" + down + "," + LOCALHOST + ":"
                + second.port());

        TcpConnection connection = connect(factory);

        assertThat(text(connection.request(bytes("hi")))).isEqualTo("echo: hi");
        assertThat(second.accepted).hasValue(1);
    }

    @Test
    void aFailedHostIsSkippedDuringItsRetryIntervalThenPreferredAgain() throws Exception {
        int firstPort = unusedPort();
        LineServer second = server(LineServer.Behaviour.ECHO);
        String hosts = LOCALHOST + ":" + firstPort + ", " + LOCALHOST + ":" + second.port();
        TcpManagedConnectionFactory resting = factoryForHosts(hosts);
        resting.setRetryIntervalMillis(60_000);
        TcpManagedConnectionFactory retrying = factoryForHosts(hosts);
        retrying.setRetryIntervalMillis(0);
        call(resting); // the first host is down: both fail over to the second
        call(retrying);
        LineServer first = server(LineServer.Behaviour.ECHO, firstPort); // the first host is back

        call(resting);
        assertThat(first.accepted).as("first host skipped within its retry interval").hasValue(0);
        assertThat(second.accepted).hasValue(3);

        call(retrying);
        assertThat(first.accepted).as("first host preferred again once its interval passed").hasValue(1);
    }

    @Test
    void loadBalancingSpreadsConnectionsOverAllHosts() throws Exception {
        LineServer a = server(LineServer.Behaviour.ECHO);
        LineServer b = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = factoryForHosts(LOCALHOST + ":" + a.port() + "," + LOCALHOST + ":"
                + b.port());
        factory.setLoadBalance(true);

        for (int i = 0; i < 4; i++) {
            call(factory);
        }

        assertThat(a.accepted).hasValue(2);
        assertThat(b.accepted).hasValue(2);
    }

    @Test
    void whenNoHostAnswersTheErrorNamesEachHostAndWhy() throws Exception {
        int refusing = unusedPort();
        TcpManagedConnectionFactory factory = factoryForHosts(LOCALHOST + ":" + refusing
                + ",no-such-host.invalid:4000");

        ResourceException failure = catchThrowableOfType(ResourceException.class, () -> connect(factory));

        assertThat(failure).isNotInstanceOf(TcpTimeoutException.class)
                .hasMessage("Cannot connect to " + LOCALHOST + ":" + refusing + " (Connection refused), "
                        + "no-such-host.invalid:4000 (unknown host)");
        assertThat(failure.getCause()).isNotNull();
        assertThat(failure.getCause().getSuppressed()).hasSize(1);
    }

    @Test
    void aPeerThatNeverAcceptsTimesOutAfterTheConnectTimeout() throws Exception {
        // a full accept queue: the kernel drops further connection requests instead of refusing them
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            List<Socket> queued = fillAcceptQueue(full);
            TcpManagedConnectionFactory factory = factoryForHosts(LOCALHOST + ":" + full.getLocalPort());
            factory.setConnectTimeoutMillis(300);

            long start = System.nanoTime();
            assertThatThrownBy(() -> connect(factory))
                    .isInstanceOf(TcpTimeoutException.class)
                    .hasMessage("Cannot connect to " + LOCALHOST + ":" + full.getLocalPort()
                            + " (no answer within 300 ms)");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(250L, 4_000L);
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    // a request, so that the server has accepted the connection when this returns
    private void call(TcpManagedConnectionFactory factory) throws ResourceException {
        try (TcpConnection connection = connect(factory)) {
            assertThat(text(connection.request(bytes("call")))).isEqualTo("echo: call");
        }
    }
}
