package io.github.tcpadapter.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void theResourceAdapterDefinesEqualityOnItsConfigurationAndStillCountsEachRunningInstance() throws Exception {
        // Connectors 2.1, 5.3.1: equals and hashCode of the configuration properties (it has none)
        assertThat(TcpResourceAdapter.class.getMethod("equals", Object.class).getDeclaringClass())
                .isEqualTo(TcpResourceAdapter.class);
        assertThat(TcpResourceAdapter.class.getMethod("hashCode").getDeclaringClass())
                .isEqualTo(TcpResourceAdapter.class);
        TcpResourceAdapter first = new TcpResourceAdapter();
        TcpResourceAdapter second = new TcpResourceAdapter();
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(new Object());

        BootstrapContext context = (BootstrapContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> null);
        first.start(context);
        second.start(context);
        try {
            assertThatThrownBy(TcpResourceAdapter::running).hasMessageContaining("2 TCP resource adapters");
            second.stop();
            assertThat(TcpResourceAdapter.running()).isSameAs(first);
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void theAdministeredObjectIsReferenceableAndSerializable() {
        // Connectors 2.1, 13.4.2.3: required of an administered object with a resource adapter association
        assertThat(Referenceable.class).isAssignableFrom(TcpSessionsAdminObject.class);
        assertThat(Serializable.class).isAssignableFrom(TcpSessionsAdminObject.class);
        TcpSessionsAdminObject object = new TcpSessionsAdminObject();
        Reference reference = new Reference(TcpSessionsAdminObject.class.getName());
        object.setReference(reference);
        assertThat(object.getReference()).isSameAs(reference);
    }
}
