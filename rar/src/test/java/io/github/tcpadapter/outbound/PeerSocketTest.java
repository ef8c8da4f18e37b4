package io.github.tcpadapter.outbound;

import static io.github.tcpadapter.outbound.OutboundTestBase.awaitTrue;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.framing.LineFraming;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The socket-level looks of a pooled connection, against a peer the test drives by hand. */
class PeerSocketTest {

    // far more than the kernel buffers of both sides hold
    private static final int LARGE = 4 * 1024 * 1024;

    private ServerSocket server;
    private Socket peerSide;
    private PeerSocket socket;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket();
        // small, so that the writes of a few MiB below soon wait for the test to read (set before the handshake)
        server.setReceiveBufferSize(4_096);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1);
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.getLocalPort()));
        peerSide = server.accept();
        socket = new PeerSocket(new Target("127.0.0.1", server.getLocalPort()), channel, new LineFraming(100));
    }

    @AfterEach
    void close() throws IOException {
        socket.close();
        peerSide.close();
        server.close();
    }

    @Test
    void aLookAtAnIdleSocketFindsItAliveAndEmpty() throws Exception {
        assertThat(socket.isAlive()).isTrue();
        assertThat(socket.discardUnread()).isZero();
    }

    @Test
    void aLookKeepsTheBytesItFinds() throws Exception {
        peerSide.getOutputStream().write("hello\n".getBytes(UTF_8));

        awaitTrue(() -> socket.isAlive() && socket.unreadBytes() > 0);

        assertThat(new String(socket.readFrame(1_000), UTF_8)).isEqualTo("hello");
    }

    @Test
    void discardingDropsWhatArrivedWhileIdleAndNothingAfter() throws Exception {
        peerSide.getOutputStream().write("surprise\npart".getBytes(UTF_8));
        awaitTrue(() -> socket.isAlive() && socket.unreadBytes() == 13);

        assertThat(socket.discardUnread()).isEqualTo(13);

        peerSide.getOutputStream().write("reply\n".getBytes(UTF_8));
        assertThat(new String(socket.readFrame(1_000), UTF_8)).isEqualTo("reply");
    }

    @Test
    void dropBufferedForgetsAPartlyReadFrame() throws Exception {
        peerSide.getOutputStream().write("one\ntw".getBytes(UTF_8));
        assertThat(new String(socket.readFrame(1_000), UTF_8)).isEqualTo("one");
        awaitTrue(() -> socket.isAlive() && socket.unreadBytes() == 2);

        assertThat(socket.dropBuffered()).isEqualTo(2);

        peerSide.getOutputStream().write("three\n".getBytes(UTF_8));
        assertThat(new String(socket.readFrame(1_000), UTF_8)).isEqualTo("three");
    }

    @Test
    void aClosedPeerIsSeenWithoutBlocking() throws Exception {
        peerSide.close();

        awaitTrue(() -> !socket.isAlive());

        assertThatThrownBy(socket::discardUnread).isInstanceOf(EOFException.class);
    }

    @Test
    void aResetIsSeenWithoutBlocking() throws Exception {
        peerSide.setSoLinger(true, 0);
        peerSide.close();

        awaitTrue(() -> !socket.isAlive());

        assertThatThrownBy(socket::discardUnread).isInstanceOf(IOException.class);
    }

    @Test
    void readTimesOutWhenTheFrameIsIncomplete() throws Exception {
        peerSide.getOutputStream().write("no end".getBytes(UTF_8));

        assertThatThrownBy(() -> socket.readFrame(200)).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aWriteThatWaitsForThePeerCompletesAndTheSocketStillReads() throws Exception {
        byte[] large = new byte[LARGE];
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            // the peer takes everything only as the writer goes on, then answers
            Future<Integer> taken = reader.submit(() -> {
                int n = peerSide.getInputStream().readNBytes(LARGE).length;
                peerSide.getOutputStream().write("done\n".getBytes(UTF_8));
                return n;
            });

            socket.write(large, 10_000);

            assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(LARGE);
            assertThat(new String(socket.readFrame(1_000), UTF_8)).isEqualTo("done");
            assertThat(socket.isAlive()).isTrue();
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void aWriteThePeerDoesNotTakeTimesOut() throws Exception {
        long start = System.nanoTime();

        assertThatThrownBy(() -> socket.write(new byte[LARGE], 200)).isInstanceOf(SocketTimeoutException.class);

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(200L, 5_000L);
    }

    @Test
    void anInterruptedWriterStopsWaitingAtOnce() throws Exception {
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> socket.write(new byte[LARGE], 10_000))
                    .isExactlyInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt status kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L);
    }

    @Test
    void closingASocketWhoseWriteTimedOutLeavesNoDescriptorOpen() throws Exception {
        assertThatThrownBy(() -> socket.write(new byte[LARGE], 50)).isInstanceOf(SocketTimeoutException.class);
        socket.close(); // warms up what the JVM opens once for sockets and selectors
        long before = openDescriptors();
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.getLocalPort()));
        socket = new PeerSocket(new Target("127.0.0.1", server.getLocalPort()), channel, new LineFraming(100));
        assertThatThrownBy(() -> socket.write(new byte[LARGE], 50)).isInstanceOf(SocketTimeoutException.class);

        socket.close();

        assertThat(openDescriptors()).isEqualTo(before);
    }

    @Test
    void readAtEndOfStreamBetweenFramesIsEof() throws Exception {
        peerSide.shutdownOutput();

        assertThatThrownBy(() -> socket.readFrame(1_000)).isInstanceOf(EOFException.class);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
