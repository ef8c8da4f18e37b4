package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fast sender and a slow bean: the listener stops reading once {@code maxPendingFrames} frames wait, so the
 * sender's writes stall at what the kernel's socket buffers hold, and every frame is still answered, in order.
 * The test holds the probe bean on its first frame for as long as it observes the sender.
 */
@ExtendWith(ArquillianExtension.class)
class InboundBackpressureIT {

    private static final int PROBE_PORT = FreePort.next();
    private static final int MAX_PENDING_FRAMES = 4;
    private static final int FRAME_BYTES = 8 * 1024;
    private static final int SEND_BUFFER_BYTES = 256 * 1024;
    // what Netty's read buffer and the frame decoder may hold besides the pending frames
    private static final long LISTENER_SLACK_BYTES = 1 << 20;
    // how much the sender offers beyond what a listener that stopped reading can take
    private static final long EXCESS_BYTES = 8L << 20;
    private static final long STALL_MILLIS = 1_000;
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Probes.ear(SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next())
                        .activation(Probes.PROBE, "maxPendingFrames", MAX_PENDING_FRAMES),
                PROBE_PORT, FreePort.next());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void aHeldBeanStallsTheSenderAndEveryFrameIsAnsweredInOrderOnceItGoesOn() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (ProbeLog probe = ProbeLog.install(); SocketChannel channel = SocketChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SEND_BUFFER_BYTES);
            channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), PROBE_PORT));
            // all a listener that stopped reading can have taken: the kernel's buffers on both sides, and its own
            long bound = maxReceiveBufferBytes() + channel.getOption(StandardSocketOptions.SO_SNDBUF)
                    + (long) MAX_PENDING_FRAMES * FRAME_BYTES + LISTENER_SLACK_BYTES;
            Sender sender = new Sender(channel, (int) ((bound + EXCESS_BYTES) / FRAME_BYTES));
            probe.holdBeans();

            assertThat(sender.writeUntilStalled()).as("the sender's writes stall while the bean is held").isTrue();
            assertThat(probe.awaitHeld(READ_TIMEOUT_MILLIS / 1_000)).isTrue();
            assertThat(sender.bytesWritten()).as("bytes taken from the sender while the bean is held")
                    .isLessThan(bound);
            assertThat(probe.processed()).as("frames that reached the bean").hasSize(1);

            probe.release();
            Future<Integer> answered = threads.submit(() -> readReplies(channel, sender.frames()));
            // if the replies go wrong, closing the channel ends a write that waits for the listener to read
            Future<Void> sent = threads.submit(sender::writeRest);
            assertThat(answered.get(60, TimeUnit.SECONDS)).isEqualTo(sender.frames());
            sent.get(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    private static int readReplies(SocketChannel channel, int frames) throws Exception {
        channel.socket().setSoTimeout(READ_TIMEOUT_MILLIS);
        BufferedReader in = new BufferedReader(
                new InputStreamReader(channel.socket().getInputStream(), StandardCharsets.UTF_8));
        for (int frame = 0; frame < frames; frame++) {
            assertThat(in.readLine()).isEqualTo("done: " + line(frame));
        }
        return frames;
    }

    /** @return frame number {@code frame}, padded so that with its line end it is {@value #FRAME_BYTES} bytes */
    private static String line(int frame) {
        String number = String.format("%06d ", frame);
        return number + "x".repeat(FRAME_BYTES - 1 - number.length());
    }

    private static long maxReceiveBufferBytes() throws Exception {
        String minDefaultMax = Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_rmem")).get(0);
        return Long.parseLong(minDefaultMax.trim().split("\\s+")[2]);
    }

    /** Writes numbered frames as fast as the connection takes them: first without blocking, then blocking. */
    private static final class Sender {

        private final SocketChannel channel;
        private final int frames;
        private int next;
        private ByteBuffer current = ByteBuffer.allocate(0);
        private long written;

        Sender(SocketChannel channel, int frames) {
            this.channel = channel;
            this.frames = frames;
        }

        int frames() {
            return frames;
        }

        long bytesWritten() {
            return written;
        }

        /**
         * Writes without blocking until a write stalls, then puts the channel back in blocking mode.
         *
         * @return whether a write stalled, for {@value #STALL_MILLIS} ms, before every frame was written
         */
        boolean writeUntilStalled() throws Exception {
            channel.configureBlocking(false);
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_WRITE);
                while (nextBytes()) {
                    int n = channel.write(current);
                    written += n;
                    if (n == 0 && selector.select(STALL_MILLIS) == 0) {
                        return true;
                    }
                    selector.selectedKeys().clear();
                }
                return false;
            } finally {
                // closing the selector deregistered the channel: it may block again, for the reads to come
                channel.configureBlocking(true);
            }
        }

        /** Writes the frames left, blocking while the connection takes no more. */
        Void writeRest() throws Exception {
            while (nextBytes()) {
                written += channel.write(current);
            }
            return null;
        }

        /** @return whether bytes are left to write, in {@link #current} */
        private boolean nextBytes() {
            if (!current.hasRemaining() && next < frames) {
                current = ByteBuffer.wrap((line(next++) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return current.hasRemaining();
        }
    }
}
