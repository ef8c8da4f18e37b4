package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpMessage;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Frames in, replies out, bad clients out: the listener's basic contract over real sockets. */
class InboundListenerTest extends ListenerTestSupport {

    @ParameterizedTest(name = "nativeTransport={0}")
    @ValueSource(booleans = {true, false})
    void repliesInOrderOnOneConnection(boolean nativeTransport) throws Exception {
        startListener(spec -> spec.setNativeTransport(nativeTransport));
        Socket client = client();

        send(client, "one\ntwo\nthree\n");
        assertThat(readLine(client)).isEqualTo("ok: one");
        assertThat(readLine(client)).isEqualTo("ok: two");
        assertThat(readLine(client)).isEqualTo("ok: three");

        assertAnswered(client, "four");
        assertThat(endpoints.texts()).containsExactly("one", "two", "three", "four");
    }

    @Test
    void crLfTerminatedFramesAreUnderstood() throws Exception {
        startListener();
        Socket client = client();

        send(client, "windows\r\n");

        assertThat(readLine(client)).isEqualTo("ok: windows");
        assertThat(endpoints.texts()).containsExactly("windows");
    }

    @Test
    void frameSplitOverSeveralWritesIsOneMessage() throws Exception {
        startListener();
        Socket client = client();

        send(client, "hel");
        send(client, "lo");
        send(client, "\n");

        assertThat(readLine(client)).isEqualTo("ok: hello");
    }

    @Test
    void messageCarriesTheClientsAddressAndSession() throws Exception {
        startListener();
        Socket client = client();

        assertAnswered(client, "who am i");

        TcpMessage message = endpoints.messages.poll();
        assertThat(message).isNotNull();
        assertThat(message.remoteAddress().getPort()).isEqualTo(client.getLocalPort());
        assertThat(message.remoteAddress().getAddress().getHostAddress()).isEqualTo(LOCALHOST);
        assertThat(message.sessionId()).startsWith(port + "-");
    }

    @Test
    void nullReplySendsNothing() throws Exception {
        startListener();
        Socket client = client();

        send(client, "silent\nnext\n");

        assertThat(readLine(client)).as("the silent frame got no reply").isEqualTo("ok: next");
        assertThat(endpoints.texts()).containsExactly("silent", "next");
    }

    @Test
    void severalClientsAreServedConcurrently() throws Exception {
        startListener();
        int count = 5;
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            open.add(client());
        }
        for (int i = 0; i < count; i++) {
            send(open.get(i), "client " + i + "\n");
        }
        for (int i = count - 1; i >= 0; i--) {
            assertThat(readLine(open.get(i))).isEqualTo("ok: client " + i);
        }
        for (int i = 0; i < count; i++) {
            send(open.get(i), "again " + i + "\n");
            assertThat(readLine(open.get(i))).isEqualTo("ok: again " + i);
        }
    }

    @Test
    void aConnectionWaitingForASlowBeanDoesNotHoldUpTheOthers() throws Exception {
        startListener();
        Socket waiting = client();
        send(waiting, "slow\n");
        Socket other = client();

        assertAnswered(other, "quick");
        endpoints.releaseSlow.countDown();
        assertThat(readLine(waiting)).isEqualTo("ok: slow");
    }

    @Test
    void replyOfExactlyMaxFrameLengthIsSent() throws Exception {
        startListener();
        Socket client = client();
        String text = "y".repeat(MAX_FRAME_LENGTH - "ok: ".length());

        send(client, text + "\n");

        assertThat(readLine(client)).isEqualTo("ok: " + text).hasSize(MAX_FRAME_LENGTH);
    }

    @Test
    void frameOfExactlyMaxFrameLengthIsDelivered() throws Exception {
        startListener();
        Socket client = client();
        String longest = "s".repeat(MAX_FRAME_LENGTH);

        send(client, longest + "\r\n");

        // delivered, but its reply "ok: " + 64 bytes is too long to be framed, so the connection closes
        assertClosedByServer(client);
        assertThat(endpoints.texts()).containsExactly(longest);
    }

    @Test
    void replyOverMaxFrameLengthClosesThatClient() throws Exception {
        startListener();
        Socket client = client();

        send(client, "y".repeat(MAX_FRAME_LENGTH - "ok: ".length() + 1) + "\n");

        assertClosedByServer(client);
    }

    @Test
    void overlongLineClosesOnlyThatClient() throws Exception {
        startListener();
        Socket good = client();
        Socket bad = client();
        assertAnswered(good, "before");

        // exactly one byte more than the decoder may hold, so the server has read everything the client sent
        send(bad, "x".repeat(MAX_FRAME_LENGTH + 2));

        assertClosedByServer(bad);
        assertAnswered(good, "after");
        assertThat(endpoints.texts()).containsExactly("before", "after");
    }

    @Test
    void overlongFrameWithLfClosesOnlyThatClient() throws Exception {
        startListener();
        Socket good = client();
        Socket bad = client();

        send(bad, "z".repeat(MAX_FRAME_LENGTH + 1) + "\n");

        assertClosedByServer(bad);
        assertAnswered(good, "fine");
    }

    @Test
    void framesBeforeTheClientHangsUpAreAllDelivered() throws Exception {
        startListener();
        Socket client = client();

        send(client, "first\nsecond\n");
        client.shutdownOutput();

        assertThat(readLine(client)).isEqualTo("ok: first");
        assertThat(readLine(client)).isEqualTo("ok: second");
        assertClosedByServer(client);
    }

    @Test
    void clientDisconnectingLeavesTheListenerServing() throws Exception {
        startListener();
        Socket client = client();
        assertAnswered(client, "bye");

        client.close();

        Socket next = client();
        assertAnswered(next, "next");
    }

    @ParameterizedTest(name = "nativeTransport={0}")
    @ValueSource(booleans = {true, false})
    void startOnAPortInUseThrowsNamingThePortAndTheReason(boolean nativeTransport) throws Exception {
        try (ServerSocket occupant = new ServerSocket(port, 50, InetAddress.getByName(LOCALHOST))) {
            assertThat(occupant.getLocalPort()).isEqualTo(port);
            assertThatThrownBy(() -> startListener(spec -> spec.setNativeTransport(nativeTransport)))
                    .isInstanceOf(ResourceException.class)
                    .hasMessage("Cannot listen on " + LOCALHOST + ":" + port + ": Address already in use");
        }
        assertThat(workManager.awaitAllDone()).as("the event loop's work ended").isTrue();
    }

    @Test
    void connectingAfterStopIsRefused() throws Exception {
        startListener();
        stopListener();

        Socket socket = new Socket();
        clients.add(socket);
        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(LOCALHOST, port), TIMEOUT_MILLIS))
                .isInstanceOf(IOException.class);
    }
}
