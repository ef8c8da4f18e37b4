package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.tcpadapter.api.TcpCapturedFrame;
import io.github.tcpadapter.api.TcpCapturedFrame.Direction;
import io.github.tcpadapter.api.TcpFrameCapture;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessionTraffic;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame captures of a listener or one session, bounded and never waited for, and each session's traffic. */
class FrameCaptureTest extends ListenerTestSupport {

    private static final Duration WAIT = Duration.ofMillis(TIMEOUT_MILLIS);

    @Test
    void capturesTheFramesEachWayOfEverySessionOfAListener() throws Exception {
        startListener();
        try (TcpFrameCapture capture = registry.capture(port, null, 100)) {
            Socket first = client();
            assertAnswered(first, "one");
            Socket second = client();
            assertAnswered(second, "two");
            session(second).send("pushed");
            assertThat(readLine(second)).isEqualTo("pushed");

            List<TcpCapturedFrame> frames = take(capture, 5);
            assertThat(frames).extracting(TcpCapturedFrame::direction, this::text).containsExactly(
                    tuple(Direction.IN, "one"),
                    tuple(Direction.OUT, "ok: one"),
                    tuple(Direction.IN, "two"),
                    tuple(Direction.OUT, "ok: two"),
                    tuple(Direction.OUT, "pushed"));
            assertThat(frames.get(0).sessionId()).isEqualTo(session(first).id());
            assertThat(frames.get(4).sessionId()).isEqualTo(session(second).id());
            assertThat(frames).allMatch(TcpCapturedFrame::complete);
            assertThat(frames.get(0).time()).isBeforeOrEqualTo(frames.get(4).time());
        }
    }

    @Test
    void capturesOneSessionOnly() throws Exception {
        startListener();
        Socket watched = client();
        Socket other = client();
        assertAnswered(watched, "hello");
        try (TcpFrameCapture capture = registry.capture(port, session(watched).id(), 100)) {
            assertAnswered(other, "not this");
            assertAnswered(watched, "this");
            assertThat(take(capture, 2)).extracting(this::text).containsExactly("this", "ok: this");
            assertThat(capture.poll(10, Duration.ofMillis(50))).isEmpty();
        }
    }

    @Test
    void aFullCaptureCountsWhatItMissesAndNeverHoldsTheListener() throws Exception {
        startListener();
        Socket client = client();
        try (TcpFrameCapture capture = registry.capture(port, null, 3)) {
            for (int i = 0; i < 10; i++) {
                assertAnswered(client, "frame " + i);
            }
            assertThat(take(capture, 3)).extracting(this::text).containsExactly("frame 0", "ok: frame 0", "frame 1");
            assertThat(capture.takeMissed()).isEqualTo(17);
            assertThat(capture.takeMissed()).isZero();
            assertAnswered(client, "after");
            assertThat(take(capture, 2)).extracting(this::text).containsExactly("after", "ok: after");
        }
    }

    @Test
    void copiesAtMostTheFirstBytesOfALongFrame() throws Exception {
        startListener(spec -> spec.setMaxFrameLength(3 * TcpFrameCapture.MAX_CAPTURED_BYTES));
        Socket client = client();
        String longLine = "x".repeat(TcpFrameCapture.MAX_CAPTURED_BYTES + 10);
        try (TcpFrameCapture capture = registry.capture(port, null, 10)) {
            send(client, longLine + "\n");
            TcpCapturedFrame in = take(capture, 1).get(0);
            assertThat(in.length()).isEqualTo(longLine.length());
            assertThat(in.payload()).hasSize(TcpFrameCapture.MAX_CAPTURED_BYTES);
            assertThat(in.complete()).isFalse();
        }
    }

    @Test
    void aClosedCaptureTakesNothingAndStopsTheCopying() throws Exception {
        startListener();
        Socket client = client();
        TcpFrameCapture capture = registry.capture(port, null, 10);
        assertThat(registry.taps(port).watched()).isTrue();
        capture.close();
        capture.close();
        assertThat(capture.isOpen()).isFalse();
        assertThat(registry.taps(port).watched()).isFalse();
        assertAnswered(client, "unwatched");
        assertThat(capture.poll(10, WAIT)).isEmpty();
        assertThatThrownBy(() -> registry.capture(port, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity").hasMessageContaining("0");
    }

    @Test
    void onlyARunningListenerCanBeCapturedAndItsStopLeavesNothingBehind() throws Exception {
        assertThatThrownBy(() -> registry.capture(port, null, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No listener on port " + port);
        assertThat(registry.taps(port)).as("a refused port's entry").isNull();
        startListener();
        TcpFrameCapture capture = registry.capture(port, null, 10);
        assertThat(capture.isOpen()).isTrue();
        stopListener();
        assertThat(capture.isOpen()).as("a stopped listener's capture").isFalse();
        assertThat(capture.poll(10, Duration.ZERO)).isEmpty();
        assertThat(registry.taps(port)).as("a stopped listener's entry").isNull();
        assertThatThrownBy(() -> registry.capture(port, null, 10)).isInstanceOf(IllegalArgumentException.class);
        capture.close();
    }

    @Test
    void twoListenersOnOnePortShareItsCapturesUntilTheLastStops() throws Exception {
        startListener();
        InboundListener other = new InboundListener(settings(spec -> spec.setBindAddress("127.0.0.2")), endpoints,
                workManager, registry);
        other.start();
        TcpFrameCapture capture = registry.capture(port, null, 10);
        try (Socket client = new Socket("127.0.0.2", port)) {
            stopListener();
            assertThat(capture.isOpen()).as("while the other listener runs").isTrue();
            client.setSoTimeout(TIMEOUT_MILLIS);
            assertAnswered(client, "still watched");
            assertThat(take(capture, 1)).extracting(this::text).containsExactly("still watched");
        } finally {
            other.stop();
        }
        assertThat(capture.isOpen()).isFalse();
        assertThat(registry.taps(port)).isNull();
    }

    @Test
    void countsEachSessionsTrafficEachWay() throws Exception {
        startListener();
        Socket client = client();
        TcpSession session = session(client);
        TcpSessionTraffic before = session.traffic();
        assertThat(before).isEqualTo(new TcpSessionTraffic(0, 0, 0, 0, session.openedAt()));
        assertAnswered(client, "abc");
        assertAnswered(client, "de");
        session.send("push");
        assertThat(readLine(client)).isEqualTo("push");
        TcpSessionTraffic after = session.traffic();
        assertThat(after.framesIn()).isEqualTo(2);
        assertThat(after.bytesIn()).isEqualTo(5);
        assertThat(after.framesOut()).isEqualTo(3);
        assertThat(after.bytesOut()).isEqualTo("ok: abc".length() + "ok: de".length() + "push".length());
        assertThat(after.lastActivity()).isAfterOrEqualTo(session.openedAt().minusMillis(1))
                .isBeforeOrEqualTo(Instant.now());
    }

    private TcpSession session(Socket client) {
        awaitTrue("the session registered", () -> registry.openSessions(port).stream()
                .anyMatch(session -> session.remoteAddress().getPort() == client.getLocalPort()));
        return registry.openSessions(port).stream()
                .filter(session -> session.remoteAddress().getPort() == client.getLocalPort()).findFirst()
                .orElseThrow();
    }

    private String text(TcpCapturedFrame frame) {
        return new String(frame.payload(), StandardCharsets.UTF_8);
    }

    private static List<TcpCapturedFrame> take(TcpFrameCapture capture, int count) throws InterruptedException {
        List<TcpCapturedFrame> taken = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (taken.size() < count && System.nanoTime() < deadline) {
            taken.addAll(capture.poll(count - taken.size(), Duration.ofMillis(100)));
        }
        return taken;
    }
}
