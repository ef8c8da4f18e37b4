package io.github.tcpadapter.correlation;

import io.github.tcpadapter.api.TcpCorrelation;
import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The application's own {@link TcpCorrelation}, named by the factory's {@code correlationClass} and loaded on the
 * thread of the first request: the server creates the factory with the adapter's class loader, which cannot see a
 * class of the application, while the thread context class loader of a bean that calls does (the package
 * documentation says more). {@link #load()} tries that loader first, then the adapter's own, and keeps the
 * instance for the factory's life.
 *
 * <p>Keys of frames received before the class is loaded are empty: no request was keyed yet, so none waits. An
 * exception from the application's methods gives an empty key too; the first is logged with its stack trace, the
 * others at FINE.
 */
public final class ApplicationCorrelation implements TcpCorrelation {

    private static final Logger LOG = Logger.getLogger(ApplicationCorrelation.class.getName());
    static final String PROPERTY = "correlationClass";

    private final String className;
    private final ClassLoader adapterLoader;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private volatile TcpCorrelation loaded;

    /**
     * @param className the binary name of a public class with a public no-argument constructor
     * @param adapterLoader the adapter's class loader, tried after the calling thread's context class loader
     */
    ApplicationCorrelation(String className, ClassLoader adapterLoader) {
        this.className = className;
        this.adapterLoader = adapterLoader;
    }

    /**
     * Loads and instantiates the class once; call it on the thread of a caller (a bean's) before reading the key of
     * its request, so that a failure reaches that caller as a checked exception.
     *
     * @return the application's correlation
     * @throws ResourceException naming {@code correlationClass} and the class when the class cannot be found or
     *                           initialised, does not implement {@code TcpCorrelation}, or cannot be instantiated
     */
    public TcpCorrelation load() throws ResourceException {
        TcpCorrelation correlation = loaded;
        if (correlation == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = instantiate(find());
                }
                correlation = loaded;
            }
        }
        return correlation;
    }

    /**
     * @throws IllegalStateException with the {@link ResourceException} of {@link #load()} as its cause, if the class
     *                               cannot be loaded
     */
    @Override
    public Optional<String> requestKey(byte[] request) {
        TcpCorrelation correlation;
        try {
            correlation = load();
        } catch (ResourceException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return guarded(() -> correlation.requestKey(request));
    }

    @Override
    public Optional<String> replyKey(byte[] frame) {
        TcpCorrelation correlation = loaded;
        return correlation == null ? Optional.empty() : guarded(() -> correlation.replyKey(frame));
    }

    private Optional<String> guarded(Supplier<Optional<String>> key) {
        try {
            Optional<String> value = key.get();
            return value == null ? Optional.empty() : value;
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, e, () -> className + " failed to read a key; the frame has none (further "
                        + "failures are logged at FINE)");
            } else {
                LOG.log(Level.FINE, e, () -> className + " failed to read a key; the frame has none");
            }
            return Optional.empty();
        }
    }

    private Class<?> find() throws ResourceException {
        List<ClassLoader> loaders = new ArrayList<>(2);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        if (adapterLoader != context) {
            loaders.add(adapterLoader);
        }
        for (ClassLoader loader : loaders) {
            try {
                return loader.loadClass(className);
            } catch (ClassNotFoundException e) {
                // try the next loader
            } catch (LinkageError e) {
                throw failure("cannot be loaded: " + e, e);
            }
        }
        throw failure("is not visible to the calling application (its thread context class loader " + context
                + ") nor to the resource adapter; call the factory from a bean of the application that holds the "
                + "class, or put the class in a library both see", null);
    }

    private TcpCorrelation instantiate(Class<?> type) throws ResourceException {
        if (!TcpCorrelation.class.isAssignableFrom(type)) {
            throw failure(implementsAnotherCopy(type)
                    ? "implements a copy of " + TcpCorrelation.class.getName() + " from another class loader: "
                            + "package the adapter's api jar only with the adapter, not in the application"
                    : "does not implement " + TcpCorrelation.class.getName(), null);
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw failure("is abstract", null);
        }
        try {
            return (TcpCorrelation) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw failure("needs to be public with a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw failure("failed in its constructor: " + e.getCause(), e.getCause());
        } catch (InstantiationException | LinkageError e) {
            throw failure("cannot be instantiated: " + e, e);
        }
    }

    private static boolean implementsAnotherCopy(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(TcpCorrelation.class.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private InvalidPropertyException failure(String rule, Throwable cause) {
        InvalidPropertyException e = PropertyCheck.invalid(PROPERTY, className, "the class " + rule);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
