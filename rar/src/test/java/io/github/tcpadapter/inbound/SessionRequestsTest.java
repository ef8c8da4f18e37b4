package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpTimeoutException;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code requestAsync} on a listener's sessions: the bean sends requests to a connected client or device, replies
 * complete the stages, and frames that answer no request go to the bean as before.
 */
class SessionRequestsTest extends ListenerTestSupport {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final String FIRST_WORD = "^(\\w+) ";

    @Test
    void byKeyRepliesOutOfOrderReachTheirOwnCallersAndUnsolicitedFramesGoToTheBean() throws Exception {
        startListener(spec -> {
            spec.setCorrelation("REGEX");
            spec.setCorrelationPattern(FIRST_WORD);
        });
        Socket device = client();
        TcpSession session = theSession();

        List<CompletableFuture<TcpMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replies.add(session.requestAsync("k" + i + " q" + i, LONG).toCompletableFuture());
        }
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(readLine(device));
        }
        Collections.shuffle(requests, new Random(21));
        StringBuilder answers = new StringBuilder("u1 unasked\n"); // a device's own frame, among the replies
        for (String request : requests) {
            answers.append(request.replace(" q", " a")).append('\n');
        }
        sendRaw(device, answers.toString());

        for (int i = 0; i < 20; i++) {
            TcpMessage reply = replies.get(i).get(5, TimeUnit.SECONDS);
            assertThat(reply.text()).isEqualTo("k" + i + " a" + i);
            assertThat(reply.sessionId()).isEqualTo(session.id());
        }
        assertThat(readLine(device)).as("the bean answered the unsolicited frame").isEqualTo("ok: u1 unasked");
        assertThat(endpoints.texts()).containsExactly("u1 unasked");
        assertThat(listener.requestCounters().replies()).isEqualTo(20);
    }

    @Test
    void inOrderRequestsArePipelinedAndAFrameWithNoneInFlightIsTheBeans() throws Exception {
        startListener(spec -> spec.setCorrelation("IN_ORDER"));
        Socket device = client();
        TcpSession session = theSession();
        sendRaw(device, "before\n");
        assertThat(readLine(device)).isEqualTo("ok: before");

        List<CompletableFuture<TcpMessage>> replies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            replies.add(session.requestAsync("r" + i, LONG).toCompletableFuture());
        }
        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            answers.append("echo ").append(readLine(device)).append('\n');
        }
        sendRaw(device, answers.toString());

        for (int i = 0; i < 30; i++) {
            assertThat(replies.get(i).get(5, TimeUnit.SECONDS).text()).isEqualTo("echo r" + i);
        }
        assertThat(endpoints.texts()).containsExactly("before");
    }

    @Test
    void byKeyATimeoutLeavesTheConnectionAndItsLateReplyGoesToTheBeanCounted() throws Exception {
        startListener(spec -> {
            spec.setCorrelation("REGEX");
            spec.setCorrelationPattern(FIRST_WORD);
        });
        Socket device = client();
        TcpSession session = theSession();
        CompletableFuture<TcpMessage> slow = session.requestAsync("slow q", Duration.ofMillis(100))
                .toCompletableFuture();
        assertThat(readLine(device)).isEqualTo("slow q");

        assertThatThrownBy(() -> slow.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TcpTimeoutException.class)
                .hasMessageContaining("No reply from session " + session.id()).hasMessageContaining("(key slow)");
        sendRaw(device, "slow late\n");
        assertThat(readLine(device)).isEqualTo("ok: slow late");

        CompletableFuture<TcpMessage> next = session.requestAsync("next q", LONG).toCompletableFuture();
        assertThat(readLine(device)).isEqualTo("next q");
        sendRaw(device, "next a\n");
        assertThat(next.get(5, TimeUnit.SECONDS).text()).isEqualTo("next a");
        assertThat(listener.requestCounters().timeouts()).isEqualTo(1);
        assertThat(listener.requestCounters().lateReplies()).isEqualTo(1);
        assertThat(session.isOpen()).isTrue();
    }

    @Test
    void inOrderATimeoutClosesTheConnectionSinceItsLateReplyWouldAnswerTheNext() throws Exception {
        startListener(spec -> spec.setCorrelation("IN_ORDER"));
        Socket device = client();
        TcpSession session = theSession();
        CompletableFuture<TcpMessage> first = session.requestAsync("first", Duration.ofMillis(100))
                .toCompletableFuture();
        CompletableFuture<TcpMessage> second = session.requestAsync("second", LONG).toCompletableFuture();

        assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TcpTimeoutException.class);
        assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("closed before the reply");
        assertThat(readLine(device)).isEqualTo("first");
        assertThat(readLine(device)).isEqualTo("second");
        assertClosedByServer(device);
    }

    @Test
    void aClosedConnectionFailsItsHundredRequestsAtOnceWithTheCause() throws Exception {
        startListener(spec -> {
            spec.setCorrelation("REGEX");
            spec.setCorrelationPattern(FIRST_WORD);
            spec.setMaxInFlight(100);
        });
        Socket device = client();
        TcpSession session = theSession();
        List<CompletableFuture<TcpMessage>> pending = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            pending.add(session.requestAsync("k" + i + " q", LONG).toCompletableFuture());
        }
        for (int i = 0; i < 100; i++) {
            readLine(device);
        }
        assertThat(listener.requestsInFlight()).isEqualTo(100);

        long start = System.nanoTime();
        device.close();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(failure -> null)
                .get(5, TimeUnit.SECONDS);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("not after each one's timeout")
                .isLessThan(LONG.toMillis());
        assertThat(pending).allSatisfy(request -> assertThatThrownBy(request::join)
                .hasCauseInstanceOf(ResourceException.class).hasMessageContaining("closed before the reply"));
        assertThat(session.requestAsync("k q", LONG).toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void maxInFlightAndADuplicateKeyFailFastUnwritten() throws Exception {
        startListener(spec -> {
            spec.setCorrelation("REGEX");
            spec.setCorrelationPattern(FIRST_WORD);
            spec.setMaxInFlight(2);
        });
        Socket device = client();
        TcpSession session = theSession();
        session.requestAsync("a q", LONG);

        assertThatThrownBy(() -> session.requestAsync("a again", LONG).toCompletableFuture().join())
                .hasMessageContaining("A request with key a is in flight");
        session.requestAsync("b q", LONG);
        assertThatThrownBy(() -> session.requestAsync("c q", LONG).toCompletableFuture().join())
                .hasMessageContaining("2 requests in flight to session").hasMessageContaining("(maxInFlight)");
        assertThatThrownBy(() -> session.requestAsync("nokey", LONG).toCompletableFuture().join())
                .hasMessageContaining("carries no key");

        assertThat(readLine(device)).isEqualTo("a q");
        assertThat(readLine(device)).isEqualTo("b q");
        assertThat(listener.requestCounters().duplicateKeysRefused()).isEqualTo(1);
        assertThat(listener.requestCounters().refusedFull()).isEqualTo(1);
    }

    @Test
    void stagesCompleteOnTheServersThreadsNotOnTheEventLoop() throws Exception {
        startListener(spec -> spec.setCorrelation("IN_ORDER"));
        Socket device = client();
        TcpSession session = theSession();
        CompletableFuture<String> thread = session.requestAsync("where", LONG)
                .thenApply(reply -> Thread.currentThread().getName()).toCompletableFuture();
        assertThat(readLine(device)).isEqualTo("where");
        sendRaw(device, "here\n");

        assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("tcp-listener-" + port + "-completion");
    }

    @Test
    void withoutCorrelationRequestAsyncFailsNamingTheProperty() throws Exception {
        startListener();
        client();
        TcpSession session = theSession();

        assertThatThrownBy(() -> session.requestAsync("x", LONG).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("correlation")
                .hasMessageContaining("it is NONE");
    }

    @Test
    void aClientModeLinkServesRequestsAndHandsTheDevicesOwnFramesToTheBean() throws Exception {
        try (ServerSocket deviceServer = new ServerSocket()) {
            deviceServer.bind(new InetSocketAddress(LOCALHOST, 0));
            deviceServer.setSoTimeout(TIMEOUT_MILLIS);
            startListener(spec -> {
                spec.setConnectTo(LOCALHOST + ":" + deviceServer.getLocalPort());
                spec.setCorrelation("REGEX");
                spec.setCorrelationPattern(FIRST_WORD);
            });
            Socket device = deviceServer.accept();
            clients.add(device);
            device.setSoTimeout(TIMEOUT_MILLIS);
            TcpSession link = theSession();

            CompletableFuture<TcpMessage> reply = link.requestAsync("s1 status?", LONG).toCompletableFuture();
            assertThat(readLine(device)).isEqualTo("s1 status?");
            sendRaw(device, "alarm door open\ns1 ready\n");

            assertThat(reply.get(5, TimeUnit.SECONDS).text()).isEqualTo("s1 ready");
            assertThat(readLine(device)).isEqualTo("ok: alarm door open");
            assertThat(endpoints.texts()).containsExactly("alarm door open");
        }
    }

    private TcpSession theSession() {
        awaitTrue("a session", () -> registry.openSessions(port).size() == 1);
        return registry.openSessions(port).iterator().next();
    }

    private static void sendRaw(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }
}
