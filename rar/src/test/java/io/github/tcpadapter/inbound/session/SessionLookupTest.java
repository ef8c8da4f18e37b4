package io.github.tcpadapter.inbound.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.adapter.TcpResourceAdapter;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessionsAdminObject;
import io.github.tcpadapter.testing.LogCapture;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@link SessionRegistry} and the administered object {@link TcpSessionsAdminObject} that exposes it. */
class SessionLookupTest {

    private final TcpResourceAdapter adapter = new TcpResourceAdapter();
    private final SessionRegistry registry = new SessionRegistry();
    // shared by every test of this JVM: each removes what it adds
    private final SessionRegistry deployed = (SessionRegistry) TcpResourceAdapter.deployedSessions();

    @Test
    void idsNameTheirPortAndCannotBeGuessedFromAnother() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = registry.nextId(9000);
            assertThat(id).matches("9000-[0-9a-z]{12}");
            assertThat(seen.add(id)).as("%s handed out twice", id).isTrue();
        }
        assertThat(registry.nextId(9001)).matches("9001-[0-9a-z]{12}");
    }

    @Test
    void findsOpenSessionsByIdAndByPort() {
        TcpSession open = session("9000-1", 9000, true);
        TcpSession closed = session("9000-2", 9000, false);
        TcpSession elsewhere = session("9001-3", 9001, true);
        registry.add(open);
        registry.add(closed);
        registry.add(elsewhere);

        assertThat(registry.find("9000-1")).contains(open);
        assertThat(registry.find("9000-2")).as("closed").isEmpty();
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
        assertThat(registry.openSessions(9000)).containsExactly(open);

        registry.remove(open);
        assertThat(registry.find("9000-1")).isEmpty();
    }

    @Test
    void theAdministeredObjectDelegatesToItsAdapter() {
        TcpSession open = session("9000-1", 9000, true);
        deployed.add(open);
        TcpSessionsAdminObject ref = new TcpSessionsAdminObject();
        try {
            ref.setResourceAdapter(adapter);

            assertThat(ref.getResourceAdapter()).isSameAs(adapter);
            assertThat(ref.find("9000-1")).contains(open);
            assertThat(ref.openSessions(9000)).containsExactly(open);
        } finally {
            deployed.remove(open);
        }
    }

    @Test
    void anUnassociatedAdministeredObjectSaysSo() {
        TcpSessionsAdminObject ref = new TcpSessionsAdminObject();
        ref.setResourceAdapter((ResourceAdapter) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ResourceAdapter.class}, (proxy, method, args) -> "other adapter"));

        assertThatThrownBy(() -> ref.find("9000-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not associated with a TCP resource adapter");
    }

    @Test
    void aDeserializedAdministeredObjectFindsTheDeployedAdaptersSessions() throws Exception {
        TcpSession open = session("9000-1", 9000, true);
        deployed.add(open);
        TcpSessionsAdminObject ref = new TcpSessionsAdminObject();
        ref.setResourceAdapter(adapter);
        // its start and stop lines are not news here
        LogCapture quiet = LogCapture.install(Logger.getLogger(TcpResourceAdapter.class.getName()), Level.INFO);
        adapter.start((BootstrapContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BootstrapContext.class}, (proxy, method, args) -> null));
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(ref);
            }
            TcpSessionsAdminObject copy;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                copy = (TcpSessionsAdminObject) in.readObject();
            }

            assertThat(copy.find("9000-1")).contains(open);
            assertThat(copy.openSessions(9000)).containsExactly(open);
        } finally {
            deployed.remove(open);
            adapter.stop();
            quiet.close();
        }
    }

    private static TcpSession session(String id, int port, boolean open) {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", port);
        return (TcpSession) Proxy.newProxyInstance(SessionLookupTest.class.getClassLoader(),
                new Class<?>[] {TcpSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "localAddress" -> local;
                    case "isOpen" -> open;
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
