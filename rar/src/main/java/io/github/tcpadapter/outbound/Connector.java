package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.outbound.multiplex.Dialer;
import io.github.tcpadapter.outbound.transport.ByteTransport;
import io.github.tcpadapter.outbound.transport.PlainTransport;
import io.github.tcpadapter.outbound.transport.TlsHandshakeTimeoutException;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens sockets to the first target that answers, in the order its {@link HostSelector} gives, with TLS if the
 * factory has it on: a failed or timed-out handshake is a failed connect of that target, so the next is tried.
 *
 * <p>{@code connectTimeoutMillis} bounds each target from the start of its name lookup to its connected socket
 * (the TLS handshake has its own timeout). A name with several addresses has them tried in turn, each given an
 * equal share of the time left, so that an address that never answers leaves time for the next.
 */
final class Connector {

    private static final Logger LOG = Logger.getLogger(Connector.class.getName());

    private final HostSelector selector;
    private final HostResolver resolver;
    private final SocketOptions options;
    private final int connectTimeoutMillis;
    private final Framing framing;
    private final ClientTls tls;
    private final FactoryManagement management;

    /**
     * @param selector the order to try the targets in, shared with the other connections of the configuration
     * @param resolver looks up the targets' addresses
     * @param options the options of every socket
     * @param connectTimeoutMillis how long one target may take: its name lookup and its addresses' connects
     * @param framing the wire format of the connections
     * @param tls secures each connection, or {@code null} for plaintext
     * @param management counts the connects, and what the connections do
     */
    Connector(HostSelector selector, HostResolver resolver, SocketOptions options, int connectTimeoutMillis,
            Framing framing, ClientTls tls, FactoryManagement management) {
        this.selector = selector;
        this.resolver = resolver;
        this.options = options;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.framing = framing;
        this.tls = tls;
        this.management = management;
    }

    /** @return the wire format of the connections */
    Framing framing() {
        return framing;
    }

    /** @return the management of the factory's configuration: its MBean and statistics */
    FactoryManagement management() {
        return management;
    }

    /**
     * Tries every target once, in order, until one accepts.
     *
     * @return a connected socket
     * @throws TcpTimeoutException if every target failed by timing out
     * @throws ResourceException if no target accepted; the message names each target tried and why it failed
     */
    PeerSocket connect() throws ResourceException {
        return connect(this::peerSocket);
    }

    /**
     * As {@link #connect()}, for a multiplexed link: its event loop takes the socket over and performs the TLS
     * handshake itself, and reports a failed handshake to the failover order, as a failed connect of that target.
     *
     * @return a connected socket in blocking mode, the target it reached, and its TLS if {@code ssl} is on
     */
    Dialer.Dialed dial() throws ResourceException {
        return connect((target, channel) -> new Dialer.Dialed(channel, target.toString(),
                tls == null ? null : tls.forLink(target, reason -> {
                    selector.failed(target, reason);
                    management.statistics().connectFailures.increment();
                })));
    }

    /** What a connected socket becomes. */
    @FunctionalInterface
    private interface Opening<T> {
        T open(Target target, SocketChannel channel) throws IOException;
    }

    private <T> T connect(Opening<T> opening) throws ResourceException {
        Attempts failures = new Attempts();
        for (Target target : selector.order()) {
            try {
                T socket = open(target, opening);
                selector.succeeded(target);
                management.statistics().connects.increment();
                return socket;
            } catch (TargetFailure e) {
                String reason = e.getMessage();
                selector.failed(target, reason);
                management.statistics().connectFailures.increment();
                LOG.log(Level.FINE, "Cannot connect to {0}: {1}", new Object[] {target, reason});
                failures.failed(target + " (" + reason + ")", e.getCause(), e.timedOut);
            }
        }
        String message = "Cannot connect to " + failures.reasons();
        throw failures.allTimedOut ? new TcpTimeoutException(message, failures.firstCause)
                : new ResourceException(message, failures.firstCause);
    }

    /**
     * Looks up the target's addresses and tries each in turn, within the connect timeout.
     *
     * @throws TargetFailure naming each address tried and why it failed
     */
    private <T> T open(Target target, Opening<T> opening) throws TargetFailure {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(target.host(), deadline);
        } catch (SocketTimeoutException e) {
            throw new TargetFailure("name not resolved within " + connectTimeoutMillis + " ms", true, e);
        } catch (IOException e) {
            throw new TargetFailure(reason(e, connectTimeoutMillis), false, e);
        }
        // an IP address as configured needs no name in the message
        boolean literal = addresses.length == 1 && (target.host().indexOf(':') >= 0
                || target.host().equalsIgnoreCase(addresses[0].getHostAddress()));
        Attempts failures = new Attempts();
        for (int i = 0; i < addresses.length; i++) {
            // rounded up: a timeout of 0 would mean none at all
            int share = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                    (deadline - System.nanoTime()) / (addresses.length - i) + 999_999));
            try {
                return open(target, addresses[i], share, opening);
            } catch (IOException e) {
                // the only address had the whole timeout, but for the lookup: name the property's value
                String reason = reason(e, addresses.length == 1 ? connectTimeoutMillis : share);
                failures.failed(literal ? reason : display(addresses[i]) + ": " + reason, e,
                        e instanceof SocketTimeoutException);
            }
        }
        throw new TargetFailure(failures.reasons(), failures.allTimedOut, failures.firstCause);
    }

    private <T> T open(Target target, InetAddress address, int timeoutMillis, Opening<T> opening)
            throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            options.applyTo(channel.socket());
            channel.socket().connect(new InetSocketAddress(address, target.port()), timeoutMillis);
            return opening.open(target, channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private PeerSocket peerSocket(Target target, SocketChannel channel) throws IOException {
        PlainTransport plain = new PlainTransport(channel);
        return new PeerSocket(target, tls == null ? plain : secured(plain, target), framing);
    }

    private ByteTransport secured(PlainTransport plain, Target target) throws IOException {
        try {
            return tls.secure(plain, target);
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain, e); // its selector too, if a handshake write had to wait
            throw e;
        }
    }

    private static String reason(IOException e, int timeoutMillis) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof TlsHandshakeTimeoutException) {
            return e.getMessage(); // names sslHandshakeTimeoutMillis
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + timeoutMillis + " ms";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String display(InetAddress address) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
    }

    /** Failed attempts: their reasons, the first one's exception with the others' suppressed in it. */
    private static final class Attempts {

        private final List<String> reasons = new ArrayList<>();
        private Throwable firstCause;
        private boolean allTimedOut = true;

        void failed(String reason, Throwable cause, boolean timedOut) {
            reasons.add(reason);
            allTimedOut &= timedOut;
            if (firstCause == null) {
                firstCause = cause;
            } else {
                firstCause.addSuppressed(cause);
            }
        }

        String reasons() {
            return String.join(", ", reasons);
        }
    }

    /** Why one target could not be connected: the reason of each address tried, and the first one's exception. */
    private static final class TargetFailure extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean timedOut;

        TargetFailure(String reasons, boolean timedOut, Throwable cause) {
            super(reasons, cause, false, false);
            this.timedOut = timedOut;
        }
    }

    private static void closeQuietly(AutoCloseable channel, Exception failure) {
        try {
            channel.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
