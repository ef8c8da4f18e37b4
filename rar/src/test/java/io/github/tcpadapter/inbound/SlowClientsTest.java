package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.inbound.session.ChannelSession;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Clients that send and never read: nobody else may wait for them, and nothing waits for them without a bound. */
class SlowClientsTest extends ListenerTestSupport {

    private static final int BIG_REPLY = 200_000;
    private final ExecutorService senders = Executors.newCachedThreadPool();

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    private void startBigListener(Consumer<TcpActivationSpec> more) throws ResourceException {
        endpoints.bigReply = BIG_REPLY;
        startListener(spec -> {
            spec.setMaxFrameLength(BIG_REPLY);
            more.accept(spec);
        });
    }

    /** @return the session of a client that asks for big replies and reads none, once its channel is full */
    private ChannelSession deafClient() throws Exception {
        Socket deaf = new Socket();
        clients.add(deaf);
        deaf.setReceiveBufferSize(4 * 1024); // fixed, so the replies cannot all fit in buffers
        deaf.connect(new InetSocketAddress(LOCALHOST, port), TIMEOUT_MILLIS);
        senders.submit(() -> {
            // up to 40 MB of replies: more than the kernel's buffers on the replies' way
            for (int i = 0; i < 200 && !deaf.isClosed(); i++) {
                send(deaf, "big\n");
            }
            return null;
        });
        awaitTrue("the deaf client's session", () -> sessionOf(deaf) != null);
        ChannelSession session = sessionOf(deaf);
        // the kernel's send buffer grows for a while after the channel first passes its high-water mark: full
        // for good once no reply was delivered for a while and the event loop's last flush left it over the mark
        long[] delivered = {-1};
        awaitTrue("the deaf client's channel full for good", () -> {
            long before = delivered[0];
            delivered[0] = endpoints.eventsOf(session.id()).size();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            return before == delivered[0] && session.channel().eventLoop()
                    .submit(() -> !session.channel().isWritable()).syncUninterruptibly().getNow();
        });
        return session;
    }

    private ChannelSession sessionOf(Socket client) {
        return registry.openSessions(port).stream()
                .map(ChannelSession.class::cast)
                .filter(session -> session.remoteAddress().getPort() == client.getLocalPort())
                .findFirst().orElse(null);
    }

    @Test
    void aClientThatReadsNothingHoldsNoDeliveryThread() throws Exception {
        startBigListener(spec -> spec.setMaxConcurrency(1));
        deafClient();

        Socket innocent = client();
        assertAnswered(innocent, "still served");
        assertAnswered(innocent, "and again");
    }

    @Test
    void aClientThatReadsNothingIsClosedAfterTheWriteTimeout() throws Exception {
        startBigListener(spec -> spec.setWriteTimeoutMillis(300));
        ChannelSession deaf = deafClient();

        TcpSession closed = endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(closed).as("closed as a slow consumer").isNotNull();
        assertThat(closed.id()).isEqualTo(deaf.id());
        assertThat(registry.openSessions(port)).isEmpty();
        assertThat(listener.pendingBytes()).isZero();
    }

    @Test
    void sendWaitsAtMostItsTimeoutForAClientThatReadsNothing() throws Exception {
        startBigListener(spec -> { });
        ChannelSession deaf = deafClient();

        long start = System.nanoTime();
        assertThatThrownBy(() -> deaf.send("late".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(200)))
                .isInstanceOf(TcpTimeoutException.class)
                .hasMessageContaining("the frame was not sent");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(150L, 3_000L);
        assertThat(deaf.isOpen()).isTrue();
    }

    @Test
    void sendAsyncNeverWaitsAndRefusesAClientThatIsNotKeepingUp() throws Exception {
        startBigListener(spec -> { });
        ChannelSession deaf = deafClient();
        Socket reader = client();
        assertAnswered(reader, "hello");
        TcpSession readerSession = registry.openSessions(port).stream()
                .filter(session -> !session.id().equals(deaf.id())).findFirst().orElseThrow();

        readerSession.sendAsync("pushed").toCompletableFuture().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(readLine(reader)).isEqualTo("pushed");
        assertThatThrownBy(() -> deaf.sendAsync("dropped").toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ResourceException.class)
                .hasMessageContaining("not keeping up");
    }

    @Test
    void closeEndsAConnectionWhoseClientReadsNothing() throws Exception {
        startBigListener(spec -> spec.setWriteTimeoutMillis(60_000));
        ChannelSession deaf = deafClient();

        deaf.close();

        awaitTrue("the connection closed", () -> registry.openSessions(port).isEmpty());
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
    }
}
