package io.github.tcpadapter.outbound;

import static io.github.tcpadapter.outbound.OutboundTestBase.awaitTrue;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.framing.LineFraming;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The socket-level looks of a pooled connection, against a peer the test drives by hand. */
class PeerSocketTest {

    private ServerSocket server;
    private Socket peerSide;
    private PeerSocket socket;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
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
    void readAtEndOfStreamBetweenFramesIsEof() throws Exception {
        peerSide.shutdownOutput();

        assertThatThrownBy(() -> socket.readFrame(1_000)).isInstanceOf(EOFException.class);
    }
}
