package io.github.tcpadapter.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.api.TcpSessions;
import io.github.tcpadapter.api.TcpSessionsAdminObject;
import jakarta.resource.Referenceable;
import jakarta.resource.spi.BootstrapContext;
import java.io.Serializable;
import java.lang.reflect.Proxy;
import javax.naming.Reference;
import org.junit.jupiter.api.Test;

/**
 * What the Connectors specification asks of the adapter's JavaBeans, and IronJacamar (WildFly) checks at deployment
 * where Payara does not.
 */
class ConnectorContractTest {

    @Test
    void theResourceAdapterDefinesEqualityOnItsConfiguration() throws Exception {
        // Connectors 2.1, 5.3.1: equals and hashCode of the configuration properties (it has none)
        assertThat(TcpResourceAdapter.class.getMethod("equals", Object.class).getDeclaringClass())
                .isEqualTo(TcpResourceAdapter.class);
        assertThat(TcpResourceAdapter.class.getMethod("hashCode").getDeclaringClass())
                .isEqualTo(TcpResourceAdapter.class);
        TcpResourceAdapter first = new TcpResourceAdapter();
        TcpResourceAdapter second = new TcpResourceAdapter();
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(new Object());
    }

    @Test
    void everyInstanceOfOneDeployedAdapterSeesTheSameSessions() throws Exception {
        // WildFly starts an instance for the message-driven beans and one more for each @ConnectionFactoryDefinition
        // and @AdministeredObjectDefinition: java:app/tcp/Sessions must see the listeners' sessions all the same
        TcpResourceAdapter listeners = started();
        TcpResourceAdapter definitions = started();
        try {
            assertThat(definitions.sessions()).isSameAs(listeners.sessions());
            TcpSessionsAdminObject associated = new TcpSessionsAdminObject();
            associated.setResourceAdapter(definitions);
            TcpSessionsAdminObject unassociated = new TcpSessionsAdminObject();
            assertThat(associated.openSessions(65_000)).isEmpty();
            assertThat(unassociated.openSessions(65_000)).as("while two instances run").isEmpty();
        } finally {
            definitions.stop();
            listeners.stop();
        }
    }

    @Test
    void theSessionsLastUntilTheDeploymentsLastInstanceStops() throws Exception {
        TcpResourceAdapter listeners = started();
        TcpResourceAdapter definitions = started();
        TcpSessions running = listeners.sessions();
        definitions.stop(); // WildFly undeploys an application with a resource definition
        assertThat(listeners.sessions()).isSameAs(running);
        listeners.stop();

        TcpResourceAdapter next = started();
        try {
            assertThat(next.sessions()).as("a new start: no ids nor captures of the last").isNotSameAs(running);
        } finally {
            next.stop();
        }
    }

    private TcpResourceAdapter started() throws Exception {
        TcpResourceAdapter adapter = new TcpResourceAdapter();
        adapter.start((BootstrapContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> null));
        return adapter;
    }

    @Test
    void theAdministeredObjectIsReferenceableAndSerializable() throws Exception {
        // Connectors 2.1, 13.4.2.3: required of an administered object with a resource adapter association
        assertThat(Referenceable.class).isAssignableFrom(TcpSessionsAdminObject.class);
        assertThat(Serializable.class).isAssignableFrom(TcpSessionsAdminObject.class);
        TcpSessionsAdminObject object = new TcpSessionsAdminObject();
        Reference reference = new Reference(TcpSessionsAdminObject.class.getName());
        object.setReference(reference);
        assertThat(object.getReference()).isSameAs(reference);
    }
}
