package io.github.tcpadapter.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one configured key store entry (property {@code keyAlias}), where the JDK's key manager would pick any
 * entry that fits: a Payara key store holds several, and the domain's certificate is {@code s1as}.
 */
final class AliasKeyManager extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager delegate;
    private final String alias;

    AliasKeyManager(X509ExtendedKeyManager delegate, String alias) {
        this.delegate = delegate;
        this.alias = alias;
    }

    // the entry is offered for the key types it has, whatever issuers the peer names: a peer that trusts it
    // not is told so by the handshake's failure, which says more than a missing certificate
    private String aliasFor(String... keyTypes) {
        for (String keyType : keyTypes) {
            String[] fitting = delegate.getServerAliases(keyType, null);
            if (fitting != null && Arrays.asList(fitting).contains(alias)) {
                return alias;
            }
        }
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
        return delegate.getCertificateChain(name);
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
        return delegate.getPrivateKey(name);
    }
}
