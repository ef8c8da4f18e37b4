package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.outbound.transport.ByteTransport;
import io.github.tcpadapter.outbound.transport.PlainTransport;
import io.github.tcpadapter.outbound.transport.TlsHandshakeTimeoutException;
import jakarta.resource.ResourceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens sockets to the first target that answers, in the order its {@link HostSelector} gives, with TLS if the
 * factory has it on: a failed or timed-out handshake is a failed connect of that target, so the next is tried.
 */
final class Connector {

    private static final Logger LOG = Logger.getLogger(Connector.class.getName());

    private final HostSelector selector;
    private final SocketOptions options;
    private final int connectTimeoutMillis;
    private final Framing framing;
    private final ClientTls tls;
    private final FactoryManagement management;

    /**
     * @param selector the order to try the targets in, shared with the other connections of the configuration
     * @param options the options of every socket
     * @param connectTimeoutMillis how long one attempt may take
     * @param framing the wire format of the connections
     * @param tls secures each connection, or {@code null} for plaintext
     * @param management counts the connects, and what the connections do
     */
    Connector(HostSelector selector, SocketOptions options, int connectTimeoutMillis, Framing framing,
            ClientTls tls, FactoryManagement management) {
        this.selector = selector;
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
        List<String> failures = new ArrayList<>();
        IOException firstCause = null;
        boolean allTimedOut = true;
        for (Target target : selector.order()) {
            try {
                PeerSocket socket = open(target);
                selector.succeeded(target);
                management.statistics().connects.increment();
                return socket;
            } catch (IOException e) {
                selector.failed(target, reason(e));
                management.statistics().connectFailures.increment();
                LOG.log(Level.FINE, "Cannot connect to {0}: {1}", new Object[] {target, reason(e)});
                failures.add(target + " (" + reason(e) + ")");
                allTimedOut &= e instanceof SocketTimeoutException;
                if (firstCause == null) {
                    firstCause = e;
                } else {
                    firstCause.addSuppressed(e);
                }
            }
        }
        String message = "Cannot connect to " + String.join(", ", failures);
        throw allTimedOut ? new TcpTimeoutException(message, firstCause) : new ResourceException(message, firstCause);
    }

    private PeerSocket open(Target target) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            options.applyTo(channel.socket());
            InetAddress address = InetAddress.getByName(target.host());
            channel.socket().connect(new InetSocketAddress(address, target.port()), connectTimeoutMillis);
            PlainTransport plain = new PlainTransport(channel);
            return new PeerSocket(target, tls == null ? plain : secured(plain, target), framing);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private ByteTransport secured(PlainTransport plain, Target target) throws IOException {
        try {
            return tls.secure(plain, target);
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain, e); // its selector too, if a handshake write had to wait
            throw e;
        }
    }

    private String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof TlsHandshakeTimeoutException) {
            return e.getMessage(); // names sslHandshakeTimeoutMillis
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + connectTimeoutMillis + " ms";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(AutoCloseable channel, Exception failure) {
        try {
            channel.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
