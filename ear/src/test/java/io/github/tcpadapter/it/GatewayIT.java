package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample's stateless bean calls a test backend through the pooled outbound connection factory; the sample's
 * gateway bean drives it, so clients reach it with plain sockets. ({@link OutboundConcurrencyIT} shares the pool
 * between many callers.) The gateway's asynchronous path does the same through the sample's multiplexed factory.
 */
@ExtendWith(ArquillianExtension.class)
class GatewayIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final int ASYNC_GATEWAY_PORT = FreePort.next();
    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);
    // a backend of its own: a server may create the asynchronous factory, which opens its socket at once, whenever
    // it makes the bean that holds it (Payara 7 did so during the other test), and each test counts its own sockets
    @RegisterExtension
    static final RestartablePeer asyncBackend = new RestartablePeer(0);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        backend.start();
        asyncBackend.start();
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, backend.port())
                .activation("AsyncGatewayListener", "port", ASYNC_GATEWAY_PORT)
                .asyncBackendPort(asyncBackend.port())
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void requestReplyReachesTheBackendAndPooledSocketsAreReused() throws Exception {
        try (LineClient client = new LineClient(GATEWAY_PORT)) {
            // the first call fills the pool: Payara opens pool-resize-quantity (2) sockets at once
            assertThat(client.request("first call")).isEqualTo("backend: echo: first call");
            int connectionsBefore = backend.accepted();
            for (int i = 0; i < 50; i++) {
                assertThat(client.request("call " + i)).isEqualTo("backend: echo: call " + i);
            }
            // one call at a time: every call takes a pooled socket, none is opened
            assertThat(backend.accepted()).isEqualTo(connectionsBefore);
        }
    }

    @Test
    void theAsynchronousPathSendsEveryWordAtOnceOnOneSocketAndPushesTheRepliesInOrder() throws Exception {
        int connectionsBefore = asyncBackend.accepted();
        List<String> words = IntStream.range(0, 50).mapToObj(i -> "word" + i).toList();
        try (LineClient client = new LineClient(ASYNC_GATEWAY_PORT)) {
            assertThat(client.request("alpha beta gamma")).isEqualTo("backend: echo: alpha | echo: beta | echo: gamma");
            assertThat(client.request(String.join(" ", words))).isEqualTo("backend: "
                    + words.stream().map(word -> "echo: " + word).collect(Collectors.joining(" | ")));
        }
        // the sample's factory shares one socket (multiplexedConnections=1) between all its requests
        assertThat(asyncBackend.accepted() - connectionsBefore).as("sockets opened").isEqualTo(1);
    }
}
