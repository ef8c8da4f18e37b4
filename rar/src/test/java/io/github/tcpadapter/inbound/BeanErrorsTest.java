package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.inbound.delivery.ConnectionQueue;
import io.github.tcpadapter.testing.LogCapture;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} out of the bean (a stack overflow, an assertion) ends only its connection: the delivery that
 * met it is counted as ended, the other connections are delivered on, and the connection's {@code onDisconnect}
 * follows.
 */
class BeanErrorsTest extends ListenerTestSupport {

    @Test
    void anErrorInOnMessageClosesThatConnectionAndTheOthersAreDeliveredOn() throws Exception {
        LogCapture log = captureLog(ConnectionQueue.class);
        // one delivery at a time: a delivery still counted as running would hold every other connection
        startListener(spec -> spec.setMaxConcurrency(1));
        Socket other = client();
        assertAnswered(other, "before");
        Socket failing = client();
        assertAnswered(failing, "first");
        String failingId = endpoints.messages.stream().filter(message -> message.text().equals("first"))
                .findFirst().orElseThrow().sessionId();

        send(failing, "overflow\n");
        assertClosedOrReset(failing);
        assertAnswered(other, "after");
        assertAnswered(client(), "new client");

        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();
        assertThat(endpoints.eventsOf(failingId))
                .containsExactly("connect", "message first", "message overflow", "disconnect");
        awaitTrue("no delivery counted as running", () -> listener.scheduler().running() == 0);
        assertThat(log.lines(Level.SEVERE)).singleElement().asString()
                .contains("StackOverflowError", failingId, String.valueOf(failing.getLocalPort()));
    }
}
