package io.github.tcpadapter.inbound.admission;

/** Whether a listener expects the PROXY protocol header of a TCP load balancer (property {@code proxyProtocol}). */
public enum ProxyProtocol {
    /** No header is expected; one would be taken as the first frame's bytes. */
    OFF,
    /** Trusted balancers may send a header (v1 or v2); clients may also connect directly. */
    OPTIONAL,
    /** Every connection must come from a trusted balancer and start with a header. */
    REQUIRED
}
