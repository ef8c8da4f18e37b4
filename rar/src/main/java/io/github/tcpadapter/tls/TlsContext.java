package io.github.tcpadapter.tls;

import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The one place that turns TLS settings into engines, for inbound listeners and outbound connections alike. With
 * {@code sslReloadIntervalMillis} set, new engines come from the store files as they are now (checked at most once
 * per interval), so certificates can be rotated without a redeploy; a store that cannot be read then keeps the
 * previous context in use and is logged once per change of the file.
 */
public final class TlsContext {

    private static final Logger LOG = Logger.getLogger(TlsContext.class.getName());

    private final TlsSettings settings;
    private final String owner;
    private final Executor reloads;
    private final AtomicBoolean reloading = new AtomicBoolean();
    private volatile SSLContext context;
    private volatile long nextCheckNanos;
    private List<Object> stamps;

    private TlsContext(TlsSettings settings, String owner, Executor reloads, SSLContext context,
            List<Object> stamps) {
        this.settings = settings;
        this.owner = owner;
        this.reloads = reloads;
        this.context = context;
        this.stamps = stamps;
        this.nextCheckNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.reloadIntervalMillis());
    }

    /**
     * Reads the stores and checks the settings against what this JVM supports.
     *
     * @param settings the TLS configuration
     * @param owner who uses it, for log lines: the listener's or the factory's name
     * @return the context
     * @throws InvalidPropertyException naming the property whose store cannot be read, or whose protocol, cipher
     *     suite or key alias this JVM or the store lacks
     */
    public static TlsContext open(TlsSettings settings, String owner) throws ResourceException {
        return open(settings, owner, null);
    }

    /**
     * Reads the stores and checks the settings, as {@link #open(TlsSettings, String)}; changed stores are then
     * reloaded on {@code reloads}, so that a caller that must not wait for files and key derivation (an event
     * loop) never does: its new engines use the new stores once they are read.
     *
     * @param reloads where stores are reloaded, or {@code null} to reload them on the thread asking for an engine
     */
    public static TlsContext open(TlsSettings settings, String owner, Executor reloads) throws ResourceException {
        SSLContext context = build(settings);
        try {
            return new TlsContext(settings, owner, reloads, context, stampsOf(settings));
        } catch (IOException e) {
            throw new ResourceException(owner + ": cannot look at the TLS stores: " + e, e);
        }
    }

    /** @return the settings, for start lines */
    public TlsSettings settings() {
        return settings;
    }

    /**
     * @param clientAuth whether to ask the client for a certificate
     * @return an engine for one accepted connection
     */
    public SSLEngine serverEngine(ClientAuth clientAuth) {
        SSLEngine engine = current().createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = parameters(engine);
        parameters.setNeedClientAuth(clientAuth == ClientAuth.NEED);
        if (clientAuth == ClientAuth.WANT) {
            parameters.setWantClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * @param host the peer's host name or address as configured: sent as SNI and, with verification, matched
     *     against the peer's certificate
     * @param port the peer's port
     * @param hostnameVerification whether the peer's certificate must name {@code host}; set explicitly since the
     *     JDK's engines verify nothing by default and Netty's clients do
     * @return an engine for one outbound connection
     */
    public SSLEngine clientEngine(String host, int port, boolean hostnameVerification) {
        SSLEngine engine = current().createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = parameters(engine);
        parameters.setEndpointIdentificationAlgorithm(hostnameVerification ? "HTTPS" : null);
        engine.setSSLParameters(parameters);
        return engine;
    }

    private SSLParameters parameters(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(settings.protocols().toArray(String[]::new));
        if (!settings.cipherSuites().isEmpty()) {
            parameters.setCipherSuites(settings.cipherSuites().toArray(String[]::new));
        }
        return parameters;
    }

    /** @return the context of the stores as they are now, if reloading is on and it is time to look */
    SSLContext current() {
        if (settings.reloadIntervalMillis() > 0 && System.nanoTime() - nextCheckNanos >= 0) {
            if (reloads == null) {
                reloadIfChanged();
            } else if (reloading.compareAndSet(false, true)) {
                reloadElsewhere();
            }
        }
        return context;
    }

    private void reloadElsewhere() {
        try {
            reloads.execute(() -> {
                try {
                    reloadIfChanged();
                } finally {
                    reloading.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            reloading.set(false); // looked at again by a later connection
            LOG.log(Level.FINE, () -> owner + ": cannot look at the TLS stores now: " + e.getMessage());
        }
    }

    private synchronized void reloadIfChanged() {
        long now = System.nanoTime();
        if (now - nextCheckNanos < 0) {
            return; // another thread looked meanwhile
        }
        nextCheckNanos = now + TimeUnit.MILLISECONDS.toNanos(settings.reloadIntervalMillis());
        List<Object> current;
        try {
            current = stampsOf(settings);
        } catch (IOException e) {
            LOG.log(Level.FINE, () -> owner + ": cannot look at the TLS stores: " + e);
            return;
        }
        if (current.equals(stamps)) {
            return;
        }
        stamps = current;
        try {
            context = build(settings);
            LOG.info(() -> owner + ": TLS stores changed, new connections use them (" + settings + ")");
        } catch (ResourceException e) {
            LOG.warning(() -> owner + ": TLS stores changed but cannot be used, new connections keep the previous "
                    + "ones: " + e.getMessage());
        }
    }

    private static List<Object> stampsOf(TlsSettings settings) throws IOException {
        List<Object> stamps = new ArrayList<>(2);
        for (StoreFile store : Arrays.asList(settings.keyStore(), settings.trustStore())) {
            stamps.add(store == null ? null : store.stamp());
        }
        return stamps;
    }

    private static SSLContext build(TlsSettings settings) throws ResourceException {
        KeyManager[] keyManagers = settings.keyStore() == null ? null : keyManagers(settings);
        TrustManager[] trustManagers = trustManagers(settings.trustStore());
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
        } catch (GeneralSecurityException e) {
            throw new ResourceException("Cannot set up TLS: " + e.getMessage(), e);
        }
        requireSupported(context, "sslProtocols", settings.protocols(),
                context.getSupportedSSLParameters().getProtocols());
        requireSupported(context, "cipherSuites", settings.cipherSuites(),
                context.getSupportedSSLParameters().getCipherSuites());
        return context;
    }

    private static void requireSupported(SSLContext context, String property, List<String> wanted,
            String[] supported) throws InvalidPropertyException {
        List<String> known = Arrays.asList(supported);
        for (String name : wanted) {
            if (!known.contains(name)) {
                throw PropertyCheck.invalid(property, String.join(",", wanted), name + " is not supported by this JVM ("
                        + context.getProvider().getName() + ")");
            }
        }
    }

    private static KeyManager[] keyManagers(TlsSettings settings) throws ResourceException {
        StoreFile file = settings.keyStore();
        KeyStore store = load(file);
        try {
            String alias = settings.keyAlias();
            if (alias != null && !store.isKeyEntry(alias)) {
                throw PropertyCheck.invalid("keyAlias", alias, "the key store " + file
                        + " has no private key entry of that name (it has " + String.join(", ", Collections.list(store.aliases())) + ")");
            }
            // SunX509 names entries by their aliases, as keyAlias does; PKIX would prefix them
            KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
            factory.init(store, file.password());
            KeyManager[] managers = factory.getKeyManagers();
            if (alias != null) {
                managers[0] = new AliasKeyManager((X509ExtendedKeyManager) managers[0], alias);
            }
            return managers;
        } catch (GeneralSecurityException e) {
            requirePassword(file);
            throw PropertyCheck.invalid(file.property(), file.path(),
                    "its keys cannot be read with keyStorePassword: " + e);
        }
    }

    private static TrustManager[] trustManagers(StoreFile file) throws ResourceException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore store = file == null ? null : load(file);
            if (store != null && store.size() == 0) {
                throw noCertificate(file);
            }
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw PropertyCheck.invalid(file == null ? "trustStore" : file.property(),
                    file == null ? null : file.path(), "cannot be used as a trust store: " + e);
        }
    }

    private static KeyStore load(StoreFile file) throws InvalidPropertyException {
        try {
            return file.load();
        } catch (IOException | GeneralSecurityException e) {
            if (!(e instanceof NoSuchFileException)) {
                requirePassword(file);
            }
            throw PropertyCheck.invalid(file.property(), file.path(), "cannot be read: " + reason(e)
                    + " (check the path, the store type and the password)");
        }
    }

    // a trust store that trusts nobody is a mistake: a PKCS12 store read without its password looks empty
    private static InvalidPropertyException noCertificate(StoreFile file) {
        return file.hasPassword() ? PropertyCheck.invalid(file.property(), file.path(), "holds no certificate")
                : PropertyCheck.invalid("trustStorePassword", null, "the trust store " + file + " (trustStore) shows "
                        + "no certificate without a password: set trustStorePassword");
    }

    // a key store named without a password was read as having none: say that is what failed
    private static void requirePassword(StoreFile file) throws InvalidPropertyException {
        if (file.property().equals("keyStore") && !file.hasPassword()) {
            throw PropertyCheck.invalid("keyStorePassword", null, "the key store " + file + " (keyStore) cannot be "
                    + "read without a password: set keyStorePassword (a keyStore named here is never read with the "
                    + "server's password)");
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause instanceof NoSuchFileException ? "no such file"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
