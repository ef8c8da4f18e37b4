package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients on real sockets talk to the sample's echo bean through the adapter's inbound listener.
 * ({@link InboundLoadIT} has many clients at once.)
 */
@ExtendWith(ArquillianExtension.class)
class EchoListenerIT {

    private static final int ECHO_PORT = FreePort.next();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.withPorts(ECHO_PORT, FreePort.next(), FreePort.next());
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void answersEveryLineInOrderOnOneConnection() throws Exception {
        try (LineClient client = new LineClient(ECHO_PORT)) {
            for (int i = 0; i < 100; i++) {
                assertThat(client.request("line " + i)).isEqualTo("ok: line " + i);
            }
        }
    }

    @Test
    void answersPipelinedLinesInOrder() throws Exception {
        try (LineClient client = new LineClient(ECHO_PORT)) {
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                burst.append("burst ").append(i).append("\r\n");
            }
            client.write(burst.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < 200; i++) {
                assertThat(client.readLine()).isEqualTo("ok: burst " + i);
            }
        }
    }

    @Test
    void overlongLineClosesOnlyThatConnection() throws Exception {
        try (LineClient bystander = new LineClient(ECHO_PORT);
             LineClient offender = new LineClient(ECHO_PORT)) {
            assertThat(bystander.request("before")).isEqualTo("ok: before");

            try {
                offender.write(new byte[70_000]); // over the default 64 KiB limit, and no line end
            } catch (java.net.SocketException closedWhileWriting) {
                // the listener may close the connection before the last bytes are written
            }
            assertThat(offender.closedByServer()).isTrue();

            assertThat(bystander.request("after")).isEqualTo("ok: after");
        }
        try (LineClient newcomer = new LineClient(ECHO_PORT)) {
            assertThat(newcomer.request("still listening")).isEqualTo("ok: still listening");
        }
    }

    @Test
    void clientThatLeavesInsideALineHarmsNoOne() throws Exception {
        try (LineClient leaver = new LineClient(ECHO_PORT)) {
            leaver.write("half a li".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (LineClient client = new LineClient(ECHO_PORT)) {
            assertThat(client.request("whole line")).isEqualTo("ok: whole line");
        }
    }
}
