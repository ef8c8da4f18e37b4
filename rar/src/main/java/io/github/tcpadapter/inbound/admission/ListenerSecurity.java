package io.github.tcpadapter.inbound.admission;

import io.github.tcpadapter.tls.ClientAuth;
import io.github.tcpadapter.tls.TlsSettings;

/**
 * Who may connect to a listener and how a connection opens: the client allowlist, the PROXY protocol of load
 * balancers, and TLS; see {@link io.github.tcpadapter.inbound.TcpActivationSpec} for each property's meaning.
 *
 * @param tls the TLS settings, or {@code null} for plaintext
 * @param clientAuth whether TLS asks the client for a certificate
 * @param trustDefaultCertificateAuthorities whether client certificates are judged by the server's default trust
 *     store, {@code trustStore} being unset
 * @param allowedClients the clients served; others are closed before anything is read
 * @param proxyProtocol whether connections start with a PROXY protocol header
 * @param proxyTrustedAddresses the balancers that may send that header
 * @param openingTimeoutMillis how long the PROXY header and the TLS handshake may take together
 * @param maxConcurrentHandshakes how many TLS handshakes may compute at once, on the server's threads
 */
public record ListenerSecurity(TlsSettings tls, ClientAuth clientAuth, boolean trustDefaultCertificateAuthorities,
        AddressRanges allowedClients,
        ProxyProtocol proxyProtocol, AddressRanges proxyTrustedAddresses, int openingTimeoutMillis,
        int maxConcurrentHandshakes) {

    /** Plaintext, anyone, no PROXY header. */
    public static final ListenerSecurity NONE = new ListenerSecurity(null, ClientAuth.NONE, false, AddressRanges.ANY,
            ProxyProtocol.OFF, AddressRanges.ANY, 10_000, 4);

    /** @return whether a connection has to be opened (PROXY header, TLS handshake) before it is served */
    public boolean hasOpening() {
        return tls != null || proxyProtocol != ProxyProtocol.OFF;
    }

    /** @return the settings that differ from plaintext and anyone, for the listener's start line */
    @Override
    public String toString() {
        return (tls == null ? "plaintext" : tls + ", clientAuth " + clientAuth)
                + (tls != null && trustDefaultCertificateAuthorities ? ", trustDefaultCertificateAuthorities" : "")
                + (tls == null ? "" : ", maxConcurrentHandshakes " + maxConcurrentHandshakes)
                + (allowedClients.isAny() ? "" : ", allowedClients " + allowedClients)
                + (proxyProtocol == ProxyProtocol.OFF ? "" : ", proxyProtocol " + proxyProtocol
                        + " from " + proxyTrustedAddresses);
    }
}
