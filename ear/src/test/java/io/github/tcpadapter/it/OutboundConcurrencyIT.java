package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many callers share a small pool: each gets its own reply, and a socket serves one caller at a time. */
@ExtendWith(ArquillianExtension.class)
class OutboundConcurrencyIT {

    private static final int GATEWAY_PORT = FreePort.next();
    private static final int POOL_SIZE = 8;
    private static final int CALLERS = 32;
    private static final int CALLS_EACH = 10;
    @RegisterExtension
    static final RestartablePeer peer = new RestartablePeer(10);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() throws Exception {
        peer.start();
        return SampleEar.builder(FreePort.next(), GATEWAY_PORT, peer.port())
                .backendPool(0, POOL_SIZE)
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void thirtyTwoCallersOnAPoolOfEightEachGetTheirOwnReplies() throws Exception {
        GatewayCallers.run(GATEWAY_PORT, CALLERS, CALLS_EACH, "concurrent");

        assertThat(peer.answered()).isEqualTo(CALLERS * CALLS_EACH);
        assertThat(peer.overlappingRequests()).as("requests of two callers on one socket").isZero();
        // sockets lent at once; Payara may replace idle sockets under contention, so sockets opened can exceed it
        assertThat(peer.peakConcurrentRequests()).isLessThanOrEqualTo(POOL_SIZE).isGreaterThan(1);
    }
}
