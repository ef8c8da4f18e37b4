package io.github.tcpadapter.tls;

import java.util.List;

/**
 * The validated TLS configuration of one listener or connection factory; see {@code TlsProperties} for each
 * property's meaning. Holds no password in text: {@link #toString()} is safe to log.
 *
 * @param keyStore the store with this side's private key and certificate, or {@code null} for none
 * @param keyAlias the key store entry to present, or {@code null} to let the JDK choose
 * @param trustStore the store with the certificates trusted to sign the peer's, or {@code null} for the JVM's
 *     default trust
 * @param protocols the TLS versions allowed, in order
 * @param cipherSuites the cipher suites allowed, or empty for the JVM's defaults
 * @param handshakeTimeoutMillis how long a handshake may take
 * @param reloadIntervalMillis how often at most new connections look whether a store file changed; 0 for never
 */
public record TlsSettings(StoreFile keyStore, String keyAlias, StoreFile trustStore, List<String> protocols,
        List<String> cipherSuites, int handshakeTimeoutMillis, long reloadIntervalMillis) {

    public TlsSettings {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** @return the effective configuration, without passwords, for start lines */
    @Override
    public String toString() {
        return "TLS " + String.join(",", protocols)
                + (keyStore == null ? "" : ", keyStore " + keyStore + (keyAlias == null ? "" : " alias " + keyAlias))
                + ", trustStore " + (trustStore == null ? "JVM default" : trustStore)
                + (cipherSuites.isEmpty() ? "" : ", cipherSuites " + String.join(",", cipherSuites))
                + ", sslHandshakeTimeoutMillis " + handshakeTimeoutMillis
                + (reloadIntervalMillis > 0 ? ", sslReloadIntervalMillis " + reloadIntervalMillis : "");
    }
}
