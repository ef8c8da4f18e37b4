package io.github.tcpadapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.cluster.spi.ClusterChannel;
import io.github.tcpadapter.cluster.spi.ClusterProvider;
import io.github.tcpadapter.inbound.session.SessionRegistry;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the adapter finds its server's cluster: the providers its class loader lists, in order. */
class ClusterDiscoveryTest {

    // what the providers below hand out; a provider is made by ServiceLoader, so it finds the cluster here
    private static InMemoryCluster cluster;

    @TempDir
    Path services;
    private final SessionRegistry registry = new SessionRegistry();
    private ClusterSessions sessions;

    @AfterEach
    void leave() {
        if (sessions != null) {
            sessions.close();
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** A server without the engine of this provider. */
    public static final class Absent implements ClusterProvider {
        @Override
        public Optional<ClusterChannel> open(String channel) {
            return Optional.empty();
        }
    }

    /** A server whose engine is there but broken. */
    public static final class Broken implements ClusterProvider {
        @Override
        public Optional<ClusterChannel> open(String channel) throws Exception {
            throw new IOException("the data grid is shutting down");
        }
    }

    /** A server in a cluster. */
    public static final class Present implements ClusterProvider {
        @Override
        public Optional<ClusterChannel> open(String channel) {
            assertThat(channel).isEqualTo("tcp-adapter.sessions");
            return Optional.of(cluster.join("instance1"));
        }
    }

    @Test
    void theFirstProviderThatFindsAClusterIsJoinedPastThoseThatFindNoneOrFail() throws Exception {
        cluster = new InMemoryCluster();

        sessions = ClusterSessions.open(registry, listing(Absent.class, Broken.class, Present.class));

        assertThat(sessions.clustered()).isTrue();
        assertThat(registry.member()).contains("instance1");
    }

    @Test
    void whereNoProviderFindsOneTheSessionsStayTheServersAndLeavingIsHarmless() throws Exception {
        sessions = ClusterSessions.open(registry, listing(Absent.class, Broken.class));

        assertThat(sessions.clustered()).isFalse();
        assertThat(registry.member()).isEmpty();
    }

    @Test
    void leavingTheClusterMakesTheSessionsTheServersAgain() throws Exception {
        cluster = new InMemoryCluster();
        sessions = ClusterSessions.open(registry, listing(Present.class));

        sessions.close();
        sessions = null;

        assertThat(registry.member()).isEmpty();
    }

    private ClassLoader listing(Class<?>... providers) throws IOException {
        Path file = services.resolve("META-INF/services/" + ClusterProvider.class.getName());
        Files.createDirectories(file.getParent());
        StringBuilder names = new StringBuilder();
        for (Class<?> provider : providers) {
            names.append(provider.getName()).append('\n');
        }
        Files.writeString(file, names);
        // only this listing: the parent has the classes, and no services of its own
        return new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<URL> getResources(String name) throws IOException {
                return findResources(name);
            }
        };
    }
}
