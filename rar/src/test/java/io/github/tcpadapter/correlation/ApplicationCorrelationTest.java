package io.github.tcpadapter.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.testing.LogCapture;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ApplicationCorrelationTest {

    /** What an application writes: the first 4 bytes are the key. */
    public static class FirstFourBytes implements TcpCorrelation {
        @Override
        public Optional<String> requestKey(byte[] request) {
            return replyKey(request);
        }

        @Override
        public Optional<String> replyKey(byte[] frame) {
            return frame.length < 4 ? Optional.empty()
                    : Optional.of(new String(frame, 0, 4, StandardCharsets.US_ASCII));
        }
    }

    public static class NotACorrelation {
    }

    public static class NoDefaultConstructor extends FirstFourBytes {
        public NoDefaultConstructor(String unused) {
        }
    }

    public static class FailingConstructor extends FirstFourBytes {
        public FailingConstructor() {
            throw new IllegalStateException("no configuration");
        }
    }

    public abstract static class Abstract implements TcpCorrelation {
    }

    public static class Throwing implements TcpCorrelation {
        @Override
        public Optional<String> requestKey(byte[] request) {
            return Optional.of("k");
        }

        @Override
        public Optional<String> replyKey(byte[] frame) {
            throw new IllegalArgumentException("bug");
        }
    }

    private static final String APPLICATION_CLASS = "com.example.app.StanKey";

    /** Stands for an application's class loader: it alone knows {@link #APPLICATION_CLASS}. */
    private static final ClassLoader APPLICATION = new ClassLoader(ApplicationCorrelationTest.class.getClassLoader()) {
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            return name.equals(APPLICATION_CLASS) ? FirstFourBytes.class : super.loadClass(name, resolve);
        }
    };

    /** Stands for the adapter's class loader: it sees this test's classes, not the application's. */
    private static final ClassLoader ADAPTER = ApplicationCorrelationTest.class.getClassLoader();

    @Test
    void theCallersContextClassLoaderFindsTheApplicationsClass() throws Exception {
        ApplicationCorrelation correlation = new ApplicationCorrelation(APPLICATION_CLASS, ADAPTER);

        assertThat(correlation.replyKey(bytes("ABCD-reply"))).as("before any request: nothing waits").isEmpty();
        Optional<String> key = withContextClassLoader(APPLICATION, () -> correlation.requestKey(bytes("ABCD-req")));

        assertThat(key).contains("ABCD");
        assertThat(correlation.replyKey(bytes("ABCD-reply"))).as("on another thread, once loaded").contains("ABCD");
        assertThat(correlation.load()).isInstanceOf(FirstFourBytes.class).isSameAs(correlation.load());
    }

    @Test
    void theAdaptersClassLoaderIsTriedAfterTheContexts() throws Exception {
        ApplicationCorrelation correlation = new ApplicationCorrelation(FirstFourBytes.class.getName(), ADAPTER);

        assertThat(withContextClassLoader(null, correlation::load)).isInstanceOf(FirstFourBytes.class);
    }

    @Test
    void aClassNoLoaderSeesNamesThePropertyAndTheClass() throws Exception {
        ApplicationCorrelation correlation = new ApplicationCorrelation(APPLICATION_CLASS, ADAPTER);

        assertThatThrownBy(() -> withContextClassLoader(ADAPTER, correlation::load))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith("Invalid configuration property correlationClass ('com.example.app.StanKey'): "
                        + "the class is not visible to the calling application");
        assertThatThrownBy(() -> withContextClassLoader(ADAPTER, () -> correlation.requestKey(bytes("ABCD"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("correlationClass ('com.example.app.StanKey')")
                .hasCauseInstanceOf(ResourceException.class);
        assertThat(withContextClassLoader(APPLICATION, correlation::load)).as("a later caller that sees it")
                .isInstanceOf(FirstFourBytes.class);
    }

    @Test
    void classesThatCannotServeAreRefusedWithTheReason() {
        assertThat(failure(NotACorrelation.class)).endsWith("the class does not implement "
                + TcpCorrelation.class.getName());
        assertThat(failure(NoDefaultConstructor.class))
                .endsWith("the class needs to be public with a public no-argument constructor");
        assertThat(failure(FailingConstructor.class)).endsWith(
                "the class failed in its constructor: java.lang.IllegalStateException: no configuration");
        assertThat(failure(Abstract.class)).endsWith("the class is abstract");
        assertThat(failure(ApplicationCorrelationTest.class.getName() + "$Missing"))
                .contains("is not visible to the calling application");
    }

    @Test
    void aKeyFunctionThatThrowsGivesNoKeyAndIsLoggedOnce() throws Exception {
        ApplicationCorrelation correlation = new ApplicationCorrelation(Throwing.class.getName(), ADAPTER);
        correlation.load();

        try (LogCapture log = LogCapture.install(Logger.getLogger(ApplicationCorrelation.class.getName()),
                Level.FINE)) {
            assertThat(correlation.replyKey(bytes("x"))).isEmpty();
            assertThat(correlation.replyKey(bytes("x"))).isEmpty();
            assertThat(correlation.requestKey(bytes("x"))).contains("k");

            assertThat(log.lines(Level.WARNING)).containsExactly(Throwing.class.getName()
                    + " failed to read a key; the frame has none (further failures are logged at FINE)");
            assertThat(log.lines(Level.FINE)).hasSize(1);
        }
    }

    @Test
    void aClassImplementingAnApplicationsOwnCopyOfTheInterfaceIsNamedSo() throws Exception {
        ClassLoader withApiJar = new CopyingClassLoader(TcpCorrelation.class.getName(),
                FirstFourBytes.class.getName());
        ApplicationCorrelation correlation = new ApplicationCorrelation(FirstFourBytes.class.getName(), ADAPTER);

        assertThatThrownBy(() -> withContextClassLoader(withApiJar, correlation::load))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageEndingWith("the class implements a copy of " + TcpCorrelation.class.getName()
                        + " from another class loader: package the adapter's api jar only with the adapter, not in "
                        + "the application");
    }

    /** An application that packages the api jar itself: it defines its own copies of the classes named. */
    private static final class CopyingClassLoader extends ClassLoader {
        private final Set<String> copied;

        CopyingClassLoader(String... copied) {
            super(ADAPTER);
            this.copied = Set.of(copied);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!copied.contains(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }

    private static String failure(Class<?> type) {
        return failure(type.getName());
    }

    private static String failure(String className) {
        ApplicationCorrelation correlation = new ApplicationCorrelation(className, ADAPTER);
        return catchThrowableOfType(InvalidPropertyException.class, correlation::load).getMessage();
    }

    private static <T> T withContextClassLoader(ClassLoader loader, Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
