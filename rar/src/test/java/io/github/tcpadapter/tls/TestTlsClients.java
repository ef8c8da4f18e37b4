package io.github.tcpadapter.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** TLS clients of a test server, built from stores that {@link TestCertificates} wrote. */
public final class TestTlsClients {

    private final SSLContext context;

    /**
     * @param keyStore the client's certificate, or {@code null} to present none
     * @param trustStore what the client trusts
     */
    public TestTlsClients(Path keyStore, Path trustStore) {
        try {
            char[] password = TestCertificates.PASSWORD.toCharArray();
            KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509");
            if (keyStore != null) {
                keys.init(KeyStore.getInstance(keyStore.toFile(), password), password);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(KeyStore.getInstance(trustStore.toFile(), password));
            context = SSLContext.getInstance("TLS");
            KeyManager[] managers = keyStore == null ? null
                    : new KeyManager[] {new Insistent((X509ExtendedKeyManager) keys.getKeyManagers()[0])};
            context.init(managers, trust.getTrustManagers(), null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Presents the client's certificate whatever authorities the server names: the JDK's own key manager would
     * send none that the server does not trust, and the server would never see an untrusted one.
     */
    private static final class Insistent extends X509ExtendedKeyManager {

        private final X509ExtendedKeyManager keys;

        Insistent(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return chooseClientAlias(keyTypes, null, null);
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return keys.chooseClientAlias(keyTypes, null, socket);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return keys.getClientAliases(keyType, null);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    /** @return a client connected and through the handshake, with a read timeout */
    public SSLSocket connect(String host, int port, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), timeoutMillis);
        return over(plain, host, port, timeoutMillis);
    }

    /** @return a client connected with only the TLS version {@code protocol}, through the handshake */
    public SSLSocket connect(String host, int port, int timeoutMillis, String protocol) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(host, port), timeoutMillis);
        return over(plain, host, port, timeoutMillis, protocol);
    }

    /** @return a TLS client over a connected socket (after a PROXY header, say), through the handshake */
    public SSLSocket over(Socket plain, String host, int port, int timeoutMillis) throws IOException {
        return over(plain, host, port, timeoutMillis, null);
    }

    private SSLSocket over(Socket plain, String host, int port, int timeoutMillis, String protocol)
            throws IOException {
        plain.setSoTimeout(timeoutMillis);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        if (protocol != null) {
            socket.setEnabledProtocols(new String[] {protocol});
        }
        socket.startHandshake();
        return socket;
    }

    /** @return the certificate the server presented */
    public static X509Certificate serverCertificate(SSLSocket socket) throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /**
     * @return whether the server refused the client after the handshake: with TLS 1.3 a client learns only on its
     *     first read that its certificate was not accepted
     */
    public static boolean refusedAfterHandshake(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (IOException e) {
            return true; // the server's alert, or its reset
        }
    }
}
