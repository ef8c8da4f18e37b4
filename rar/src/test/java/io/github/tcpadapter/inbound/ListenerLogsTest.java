package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.testing.LogCapture;
import java.net.Socket;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator reads: the effective configuration, and floods summed up instead of repeated. */
class ListenerLogsTest extends ListenerTestSupport {

    private LogCapture log;

    @BeforeEach
    void capture() {
        log = captureLog(InboundListener.class);
    }

    private List<String> lines(Level level) {
        return log.lines(level);
    }

    @Test
    void theStartLineShowsTheEffectiveConfiguration() throws Exception {
        startListener(spec -> {
            spec.setMaxConnections(7);
            spec.setWriteTimeoutMillis(1234);
        });

        assertThat(lines(Level.INFO)).singleElement().asString()
                .contains("started").contains("framing LINE").contains("maxFrameLength " + MAX_FRAME_LENGTH)
                .contains("maxConnections 7").contains("writeTimeoutMillis 1234").contains("maxPendingBytes");
    }

    @Test
    void aFloodOfRefusedConnectionsLogsOneLineAndOneSum() throws Exception {
        startListener(spec -> spec.setMaxConnections(1));
        Socket served = client();
        assertAnswered(served, "in");

        for (int i = 0; i < 50; i++) {
            assertClosedByServer(client());
        }
        stopListener();

        List<String> warnings = lines(Level.WARNING);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("refusing the connection from").contains("maxConnections (1)");
        assertThat(warnings.get(1)).contains("49 more connections refused for maxConnections (1)");
    }

    @Test
    void aReplyTooLongForTheFramingBlamesTheReplyNotTheBean() throws Exception {
        startListener(spec -> spec.setOnError("continue"));
        Socket client = client();

        send(client, "x".repeat(MAX_FRAME_LENGTH) + "\n"); // the fake bean answers "ok: " and the frame
        assertAnswered(client, "next");

        assertThat(lines(Level.WARNING)).singleElement().asString()
                .contains("not sending the bean's reply of " + (MAX_FRAME_LENGTH + 4) + " bytes")
                .contains("going on with the next frame")
                .doesNotContain("bean failed");
        assertThat(log.records).allMatch(r -> r.getThrown() == null);
    }
}
