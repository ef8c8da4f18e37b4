package io.github.tcpadapter.api;

import java.io.Serializable;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** One frame received from a TCP client, as delivered to a {@link TcpMessageListener}. */
public final class TcpMessage implements Serializable {

    private static final long serialVersionUID = 1L;

    private final byte[] payload;
    private final String sessionId;
    private final InetSocketAddress remoteAddress;
    private final X509Certificate[] peerCertificates;
    // a name, since Charset is not serializable
    private final String charset;

    /**
     * @param payload the frame's bytes, without framing bytes; taken as they are, not copied, so the caller must
     *     not change the array afterwards (the adapter hands over each frame's own array)
     * @param sessionId the {@link TcpSession#id()} of the connection it came on
     * @param remoteAddress the address of the client that sent it
     * @param charset the charset of {@link #text()}, the listener's {@code charset} property
     */
    public TcpMessage(byte[] payload, String sessionId, InetSocketAddress remoteAddress, Charset charset) {
        this(payload, sessionId, remoteAddress, charset, List.of());
    }

    /**
     * @param payload as {@link #TcpMessage(byte[], String, InetSocketAddress, Charset)}
     * @param sessionId the {@link TcpSession#id()} of the connection it came on
     * @param remoteAddress the address of the client that sent it
     * @param charset the charset of {@link #text()}
     * @param peerCertificates the client's verified certificate chain, its own first; empty for none
     */
    public TcpMessage(byte[] payload, String sessionId, InetSocketAddress remoteAddress, Charset charset,
            List<X509Certificate> peerCertificates) {
        this.payload = Objects.requireNonNull(payload, "payload");
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
        this.charset = Objects.requireNonNull(charset, "charset").name();
        this.peerCertificates = peerCertificates.toArray(X509Certificate[]::new);
    }

    /** @return a copy of the frame's bytes, without framing bytes */
    public byte[] payload() {
        return payload.clone();
    }

    /** @return the frame decoded with the listener's charset (property {@code charset}, UTF-8 by default) */
    public String text() {
        return new String(payload, charset());
    }

    /** @return the listener's charset, for encoding a text reply the same way */
    public Charset charset() {
        return Charset.forName(charset);
    }

    /** @return the id of the connection the frame came on, to find its {@link TcpSession} in {@link TcpSessions} */
    public String sessionId() {
        return sessionId;
    }

    /** @return the address of the client that sent the frame, as {@link TcpSession#remoteAddress()} */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** @return the client's verified certificate chain, as {@link TcpSession#peerCertificates()} */
    public List<X509Certificate> peerCertificates() {
        return List.of(peerCertificates);
    }

    /** @return the subject of the client's verified certificate, if it presented one over TLS */
    public Optional<X500Principal> peerPrincipal() {
        return peerCertificates.length == 0 ? Optional.empty()
                : Optional.of(peerCertificates[0].getSubjectX500Principal());
    }

    @Override
    public String toString() {
        return "TcpMessage[" + payload.length + " bytes from " + remoteAddress + " on session " + sessionId + "]";
    }
}
