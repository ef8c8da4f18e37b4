package io.github.tcpadapter.cluster.payara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import io.github.tcpadapter.cluster.spi.ClusterChannel;
import io.github.tcpadapter.cluster.spi.ClusterProvider;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

import javax.naming.NameNotFoundException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PayaraClusterProviderTest {

    private static TestGrid grid;
    private static HazelcastInstance member;

    @BeforeAll
    static void startGrid() {
        grid = new TestGrid();
        member = grid.start("instance-a");
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void aChannelOnTheInstanceBoundInJndi() throws Exception {
        Optional<ClusterChannel> channel = new PayaraClusterProvider(() -> member).open("chat");

        assertThat(channel).isPresent();
        try (ClusterChannel opened = channel.get()) {
            assertThat(opened.local()).isEqualTo(TestGrid.named(member, "instance-a"));
        }
    }

    @Test
    void noChannelWhenTheNameIsNotBound() throws Exception {
        PayaraClusterProvider provider = new PayaraClusterProvider(() -> {
            throw new NameNotFoundException(PayaraClusterProvider.JNDI_NAME);
        });

        assertThat(provider.open("chat")).isEmpty();
    }

    @Test
    void noChannelOutsideAServer() throws Exception {
        // no naming context is configured in a plain JVM: the lookup fails as it does where the name is not bound
        assertThat(new PayaraClusterProvider().open("chat")).isEmpty();
    }

    @Test
    void noChannelOnAnInstanceThatWasShutDown() throws Exception {
        HazelcastInstance stopped = grid.start("instance-stopped");
        stopped.shutdown();

        assertThat(new PayaraClusterProvider(() -> stopped).open("chat")).isEmpty();
    }

    @Test
    void somethingElseBoundThereIsAnError() {
        assertThatThrownBy(() -> new PayaraClusterProvider(() -> "not a data grid").open("chat"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PayaraClusterProvider.JNDI_NAME)
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void loadsThroughTheServiceLoaderWhereHazelcastIsMissing() throws Exception {
        try (URLClassLoader withoutHazelcast = withoutHazelcast()) {
            List<ClusterProvider> providers = ServiceLoader.load(ClusterProvider.class, withoutHazelcast).stream()
                    .map(ServiceLoader.Provider::get)
                    .toList();

            assertThat(providers).singleElement().satisfies(provider -> {
                assertThat(provider.getClass().getClassLoader()).isSameAs(withoutHazelcast);
                assertThat(provider.open("chat")).isEmpty();
            });
        }
    }

    @Test
    void noChannelWhereHazelcastIsMissingEvenIfSomethingIsBound() throws Exception {
        try (URLClassLoader withoutHazelcast = withoutHazelcast()) {
            Class<?> lookup = withoutHazelcast.loadClass(PayaraClusterProvider.Lookup.class.getName());
            Object findsAnObject = Proxy.newProxyInstance(withoutHazelcast, new Class<?>[] {lookup},
                    (proxy, method, args) -> new Object());
            Constructor<?> constructor = withoutHazelcast.loadClass(PayaraClusterProvider.class.getName())
                    .getDeclaredConstructor(lookup);
            constructor.setAccessible(true);

            assertThat(((ClusterProvider) constructor.newInstance(findsAnObject)).open("chat")).isEmpty();
        }
    }

    /** @return a class loader for this module's classes that sees the SPI and the JDK, as on WildFly, not Hazelcast */
    private static URLClassLoader withoutHazelcast() {
        URL classes = PayaraClusterProvider.class.getProtectionDomain().getCodeSource().getLocation();
        String ours = PayaraClusterProvider.class.getPackageName() + ".";
        ClassLoader hiding = new ClassLoader(PayaraClusterProviderTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("com.hazelcast.") || name.startsWith(ours)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        return new URLClassLoader(new URL[] {classes}, hiding);
    }
}
