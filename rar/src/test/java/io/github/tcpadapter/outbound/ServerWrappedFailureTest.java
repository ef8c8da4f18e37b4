package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tcpadapter.api.TcpConnectionFactory;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import org.junit.jupiter.api.Test;

/**
 * A caller sees the adapter's own reason for a failed {@code getConnection}, whatever the server's pool wraps it in:
 * IronJacamar (WildFly) throws {@code IJ000453: Unable to get managed connection for ...} with the adapter's
 * exception as its cause.
 */
class ServerWrappedFailureTest extends OutboundTestBase {

    // what IronJacamar's pool does with a failure of createManagedConnection
    private static final ConnectionManager WRAPPING_POOL = (factory, info) -> {
        try {
            return factory.createManagedConnection(null, info).getConnection(null, info);
        } catch (ResourceException e) {
            throw new ResourceException("IJ000453: Unable to get managed connection for java:app/tcp/Backend", e);
        }
    };

    @Test
    void theAdaptersReasonReachesTheCallerThroughAPoolThatWrapsIt() throws Exception {
        int down = unusedPort();
        TcpManagedConnectionFactory managed = new TcpManagedConnectionFactory();
        managed.setHost(LOCALHOST);
        managed.setPort(down);
        TcpConnectionFactory factory = (TcpConnectionFactory) managed.createConnectionFactory(WRAPPING_POOL);

        ResourceException failure = catchThrowableOfType(ResourceException.class, factory::getConnection);

        assertThat(failure).hasMessageStartingWith("Cannot connect to 127.0.0.1:" + down);
    }

    @Test
    void aFailureOfThePoolItselfIsLeftAsItIs() throws Exception {
        ResourceException poolFull = new ResourceException("IJ000655: No managed connections available");
        TcpManagedConnectionFactory managed = new TcpManagedConnectionFactory();
        managed.setHost(LOCALHOST);
        managed.setPort(unusedPort());
        TcpConnectionFactory factory = (TcpConnectionFactory) managed.createConnectionFactory((any, info) -> {
            throw poolFull;
        });

        assertThat(catchThrowableOfType(ResourceException.class, factory::getConnection)).isSameAs(poolFull);
    }
}
