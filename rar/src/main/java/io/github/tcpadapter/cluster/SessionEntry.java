package io.github.tcpadapter.cluster;

import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessionTraffic;
import io.github.tcpadapter.cluster.spi.ClusterMember;
import io.github.tcpadapter.inbound.session.ChannelSession;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What the directory knows of a session of some member: enough to list it, and to reach it through its member.
 *
 * @param writeTimeoutMillis how long the member's {@code send(payload)} waits for room: a caller elsewhere waits that
 *     long for its answer, and a little more
 * @param traffic as of when the member last told
 */
record SessionEntry(String id, int port, ClusterMember member, InetSocketAddress remoteAddress,
        InetSocketAddress localAddress, Instant openedAt, Charset charset, List<X509Certificate> peerCertificates,
        long writeTimeoutMillis, TcpSessionTraffic traffic) {

    // a listener's default; only sessions of tests are not ChannelSessions
    private static final long DEFAULT_WRITE_TIMEOUT_MILLIS = 30_000;

    static SessionEntry of(TcpSession session, ClusterMember member) {
        long writeTimeout = session instanceof ChannelSession channelSession ? channelSession.writeTimeoutMillis()
                : DEFAULT_WRITE_TIMEOUT_MILLIS;
        return new SessionEntry(session.id(), session.port(), member, session.remoteAddress(), session.localAddress(),
                session.openedAt(), session.charset(), session.peerCertificates(), writeTimeout, session.traffic());
    }
}
