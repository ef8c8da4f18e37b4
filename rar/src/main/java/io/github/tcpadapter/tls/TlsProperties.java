package io.github.tcpadapter.tls;

import io.github.tcpadapter.config.FramingProperties;
import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The TLS properties shared by the outbound connection factory and the inbound activation spec, on top of the
 * framing properties, so that both directions are secured with the same names, defaults and checks.
 *
 * <p>Without {@code keyStore} and {@code trustStore}, a listener presents the server's own certificate and both
 * directions trust what the server trusts: the stores named by the {@code javax.net.ssl.*} system properties,
 * which Payara sets to the domain's {@code keystore.p12} and {@code cacerts.p12} (certificate alias {@code s1as},
 * password the master password, {@code changeit} unless changed).
 */
public class TlsProperties extends FramingProperties {

    private static final long serialVersionUID = 1L;

    /** The alias of a Payara domain's own certificate. */
    static final String SERVER_KEY_ALIAS = "s1as";
    /** Payara's master password unless the domain was created with another. */
    static final String SERVER_STORE_PASSWORD = "changeit";

    @ConfigProperty(defaultValue = "false", description = "Use TLS. The other ssl*, keyStore* and trustStore* "
            + "properties apply only then.")
    private Boolean ssl = false;

    @ConfigProperty(description = "Key store file (PKCS12 or JKS) with this side's private key and certificate. "
            + "Unset: a listener uses the server's key store (javax.net.ssl.keyStore, alias s1as); outbound "
            + "connections present no client certificate.")
    private String keyStore;

    @ConfigProperty(confidential = true, description = "Password of keyStore and of its keys. Unset: none for a "
            + "keyStore named here; for the server's key store (keyStore unset), javax.net.ssl.keyStorePassword, "
            + "else changeit.")
    private String keyStorePassword;

    @ConfigProperty(description = "Type of keyStore, e.g. PKCS12 or JKS; unset tells it from the file.")
    private String keyStoreType;

    @ConfigProperty(description = "The keyStore entry to present; unset lets the JDK choose (s1as for the "
            + "server's key store).")
    private String keyAlias;

    @ConfigProperty(description = "Trust store file (PKCS12 or JKS) with the certificates that may sign the "
            + "peer's. Unset: the server's trust store (javax.net.ssl.trustStore), else the JVM's cacerts; a listener "
            + "with clientAuth WANT or NEED then refuses to start unless trustDefaultCertificateAuthorities is true.")
    private String trustStore;

    @ConfigProperty(confidential = true, description = "Password of trustStore. Unset: none for a trustStore "
            + "named here (a PKCS12 store then shows no certificate, and the start fails); for the server's trust "
            + "store (trustStore unset), javax.net.ssl.trustStorePassword, else changeit.")
    private String trustStorePassword;

    @ConfigProperty(description = "Type of trustStore, e.g. PKCS12 or JKS; unset tells it from the file.")
    private String trustStoreType;

    @ConfigProperty(defaultValue = "TLSv1.3,TLSv1.2", description = "TLS versions allowed, comma-separated.")
    private String sslProtocols = "TLSv1.3,TLSv1.2";

    @ConfigProperty(description = "Cipher suites allowed, comma-separated; unset uses the JVM's defaults.")
    private String cipherSuites;

    @ConfigProperty(defaultValue = "10000", description = "How long a TLS handshake may take, in milliseconds; "
            + "a peer that does not complete it in time is closed.")
    private Integer sslHandshakeTimeoutMillis = 10_000;

    @ConfigProperty(defaultValue = "0", description = "How often at most new connections look whether keyStore "
            + "or trustStore changed on disk and use the new contents, in milliseconds; 0 means never.")
    private Integer sslReloadIntervalMillis = 0;

    /**
     * Checks the TLS properties, if TLS is on.
     *
     * @param server whether the settings are a listener's, which must present a certificate
     * @return the TLS settings, or {@code null} if {@code ssl} is off
     * @throws InvalidPropertyException naming the first TLS property with a bad value
     */
    protected final TlsSettings tlsSettings(boolean server) throws InvalidPropertyException {
        if (!Boolean.TRUE.equals(ssl)) {
            return null;
        }
        StoreFile keys = keyStoreFile(server);
        String alias = blankToNull(keyAlias);
        if (alias == null && keys != null && blankToNull(keyStore) == null) {
            alias = SERVER_KEY_ALIAS;
        }
        return new TlsSettings(keys, alias, trustStoreFile(), names("sslProtocols", sslProtocols, true),
                names("cipherSuites", cipherSuites, false),
                PropertyCheck.positive("sslHandshakeTimeoutMillis", sslHandshakeTimeoutMillis),
                PropertyCheck.between("sslReloadIntervalMillis", sslReloadIntervalMillis, 0, Integer.MAX_VALUE));
    }

    private StoreFile keyStoreFile(boolean server) throws InvalidPropertyException {
        if (blankToNull(keyStore) != null) {
            // a store of one's own: no password means none, not the server's
            return new StoreFile("keyStore", Path.of(keyStore.trim()), blankToNull(keyStoreType),
                    Objects.requireNonNullElse(keyStorePassword, ""));
        }
        if (!server) {
            return null;
        }
        String serverStore = System.getProperty("javax.net.ssl.keyStore");
        if (blankToNull(serverStore) == null) {
            throw PropertyCheck.invalid("keyStore", null, "is required with ssl=true, since this server sets no "
                    + "javax.net.ssl.keyStore to default to");
        }
        return new StoreFile("keyStore", Path.of(serverStore), serverDefault(keyStoreType, "keyStoreType"),
                serverPassword(keyStorePassword, "keyStorePassword"));
    }

    private StoreFile trustStoreFile() {
        if (blankToNull(trustStore) != null) {
            return new StoreFile("trustStore", Path.of(trustStore.trim()), blankToNull(trustStoreType),
                    trustStorePassword);
        }
        String serverStore = blankToNull(System.getProperty("javax.net.ssl.trustStore"));
        return serverStore == null ? null : new StoreFile("trustStore", Path.of(serverStore),
                serverDefault(trustStoreType, "trustStoreType"), serverPassword(trustStorePassword,
                "trustStorePassword"));
    }

    /** @return whether {@code trustStore} names a store, rather than leaving the server's default trust */
    protected final boolean hasTrustStore() {
        return blankToNull(trustStore) != null;
    }

    private static String serverDefault(String configured, String property) {
        String given = blankToNull(configured);
        return given != null ? given : blankToNull(System.getProperty("javax.net.ssl." + property));
    }

    private static String serverPassword(String configured, String property) {
        return configured != null ? configured
                : Objects.requireNonNullElse(System.getProperty("javax.net.ssl." + property), SERVER_STORE_PASSWORD);
    }

    private static List<String> names(String property, String value, boolean required)
            throws InvalidPropertyException {
        List<String> names = value == null ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        if (required && names.isEmpty()) {
            throw PropertyCheck.invalid(property, value, "must name at least one");
        }
        return names;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** @return the TLS properties' values now, for the subclasses' {@code equals} and {@code hashCode} */
    protected final List<Object> tlsValues() {
        return Arrays.asList(ssl, keyStore, keyStorePassword, keyStoreType, keyAlias, trustStore, trustStorePassword,
            trustStoreType, sslProtocols, cipherSuites, sslHandshakeTimeoutMillis, sslReloadIntervalMillis);
    }

    public Boolean getSsl() {
        return ssl;
    }

    public void setSsl(Boolean ssl) {
        this.ssl = ssl;
    }

    public String getKeyStore() {
        return keyStore;
    }

    public void setKeyStore(String keyStore) {
        this.keyStore = keyStore;
    }

    public String getKeyStorePassword() {
        return keyStorePassword;
    }

    public void setKeyStorePassword(String keyStorePassword) {
        this.keyStorePassword = keyStorePassword;
    }

    public String getKeyStoreType() {
        return keyStoreType;
    }

    public void setKeyStoreType(String keyStoreType) {
        this.keyStoreType = keyStoreType;
    }

    public String getKeyAlias() {
        return keyAlias;
    }

    public void setKeyAlias(String keyAlias) {
        this.keyAlias = keyAlias;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public String getTrustStoreType() {
        return trustStoreType;
    }

    public void setTrustStoreType(String trustStoreType) {
        this.trustStoreType = trustStoreType;
    }

    public String getSslProtocols() {
        return sslProtocols;
    }

    public void setSslProtocols(String sslProtocols) {
        this.sslProtocols = sslProtocols;
    }

    public String getCipherSuites() {
        return cipherSuites;
    }

    public void setCipherSuites(String cipherSuites) {
        this.cipherSuites = cipherSuites;
    }

    public Integer getSslHandshakeTimeoutMillis() {
        return sslHandshakeTimeoutMillis;
    }

    public void setSslHandshakeTimeoutMillis(Integer sslHandshakeTimeoutMillis) {
        this.sslHandshakeTimeoutMillis = sslHandshakeTimeoutMillis;
    }

    public Integer getSslReloadIntervalMillis() {
        return sslReloadIntervalMillis;
    }

    public void setSslReloadIntervalMillis(Integer sslReloadIntervalMillis) {
        this.sslReloadIntervalMillis = sslReloadIntervalMillis;
    }
}
