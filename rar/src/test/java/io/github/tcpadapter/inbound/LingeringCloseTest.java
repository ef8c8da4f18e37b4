package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing a connection whose client is still sending: the replies written before must reach the client. A socket
 * closed with unread bytes makes the kernel answer with a reset, and a reset makes the client's kernel drop the
 * replies it holds unread; so the listener shuts its output down first and discards what the client still sends
 * until the client closes too.
 */
class LingeringCloseTest extends ListenerTestSupport {

    @Test
    void repliesWrittenBeforeAFailureReachAClientThatKeptSending() throws Exception {
        startListener(spec -> spec.setMaxPendingFrames(1)); // the tail stays unread in the kernel
        Socket client = client();

        send(client, "hold\na\nboom\n" + "more\n".repeat(20_000));
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        endpoints.releaseHold.countDown();
        // the bean failed on "boom" and the listener closed the connection (onError CLOSE) before the client reads
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();

        assertThat(readLine(client)).isEqualTo("ok: hold");
        assertThat(readLine(client)).isEqualTo("ok: a");
        assertClosedByServer(client);
        assertThat(endpoints.texts()).containsExactly("hold", "a", "boom");
    }

    @Test
    void aClientThatNeverClosesIsClosedAfterAShortLinger() throws Exception {
        startListener(spec -> spec.setMaxPendingFrames(1));
        Socket client = client();

        send(client, "a\nboom\n" + "more\n".repeat(20_000));
        long start = System.nanoTime();
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(TIMEOUT_MILLIS);
        assertThat(readLine(client)).isEqualTo("ok: a");
        assertClosedByServer(client);
    }
}
