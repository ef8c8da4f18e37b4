package io.github.tcpadapter.tls;

/** Whether a TLS listener asks its clients for a certificate (property {@code clientAuth}). */
public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /** A certificate is asked for; a client without one is served, one with an untrusted one is refused. */
    WANT,
    /** Only clients with a certificate the trust store trusts are served (mutual TLS). */
    NEED
}
