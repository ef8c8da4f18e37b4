package io.github.tcpadapter.bench.peers;

import java.io.File;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server's TLS identity read from a key store file (PKCS12 or JKS, the type told by the file itself), such as
 * a Payara domain's {@code keystore.p12}: every key entry must open with the store's password.
 */
final class ServerTls {

    private final KeyManagerFactory keyManagers;

    private ServerTls(KeyManagerFactory keyManagers) {
        this.keyManagers = keyManagers;
    }

    /**
     * @param keyStore the key store file
     * @param password the password of the store and of its keys
     * @return the identity
     * @throws IOException if the file cannot be read or the password is wrong
     * @throws GeneralSecurityException if the store's type or a key is not supported
     */
    static ServerTls load(File keyStore, char[] password) throws IOException, GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(KeyStore.getInstance(keyStore, password), password);
        return new ServerTls(keyManagers);
    }

    /** @return the key managers, for Netty's {@code SslContextBuilder.forServer} */
    KeyManagerFactory keyManagers() {
        return keyManagers;
    }

    /**
     * @return a JDK context with the key store's keys, TLS 1.3 and 1.2 enabled, as the JDK's default server
     * @throws GeneralSecurityException if TLS 1.3 is not available
     */
    SSLContext sslContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }
}
