package io.github.tcpadapter.inbound.admission;

import io.github.tcpadapter.metrics.SummarizedLog;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Holds a new connection back from the bean until it is open: its load balancer's PROXY header read (the client's
 * real address then passes the allowlist) and its TLS handshake complete (the client's certificate then known).
 * Only then does the listener make it a session, and the connection's {@code channelActive} go on to the handlers
 * that serve it. Everything must happen within {@code sslHandshakeTimeoutMillis}; a connection that fails is
 * closed and logged once, in summary, with its address and the reason.
 */
public final class ConnectionOpening extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionOpening.class.getName());

    private final Listener listener;
    private final long timeoutMillis;
    private InetSocketAddress client;
    private final boolean headerOptional;
    private boolean awaitingProxyHeader;
    private boolean awaitingHandshake;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timeout;
    private boolean ended;
    private boolean opened;

    /** What opening a connection needs of its listener. */
    public interface Listener {

        /**
         * @return whether the client may connect ({@code allowedClients}, {@code maxConnectionsPerAddress}: an
         *     admitted client holds one of its address's slots until the channel closes); logs a refusal
         */
        boolean admits(Channel channel, InetSocketAddress client);

        /** Makes the open connection a session, served from now on. */
        void open(Channel channel, InetSocketAddress client, List<X509Certificate> peerCertificates);

        /** @return the summary of clients refused */
        SummarizedLog refusedClients();

        /** @return the summary of connections that failed to open */
        SummarizedLog handshakeFailures();
    }

    /**
     * @param listener the listener that serves the connection once open
     * @param socketPeer the address of the connection's socket peer
     * @param awaitingProxyHeader whether a PROXY header may come first: the connection comes from a trusted
     *     balancer; a direct client is not held back for one
     * @param headerOptional whether the header may also be missing (proxyProtocol OPTIONAL)
     * @param awaitingHandshake whether a TLS handshake comes
     * @param timeoutMillis how long opening may take
     */
    public ConnectionOpening(Listener listener, InetSocketAddress socketPeer, boolean awaitingProxyHeader,
            boolean headerOptional, boolean awaitingHandshake, long timeoutMillis) {
        this.listener = listener;
        this.client = socketPeer;
        this.awaitingProxyHeader = awaitingProxyHeader;
        this.headerOptional = headerOptional;
        this.awaitingHandshake = awaitingHandshake;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!awaitingProxyHeader && !awaitingHandshake) {
            openIfReady(); // a direct plaintext client: a protocol where the server speaks first needs it open now
            return;
        }
        // held back: the handlers that serve the connection get it once it is open
        timeout = ctx.executor().schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void timedOut() {
        String stage = awaitingProxyHeader
                ? "send its PROXY protocol header" + (headerOptional ? " or any first bytes" : "")
                : "complete the TLS handshake";
        fail(listener.handshakeFailures(), "it did not " + stage + " within sslHandshakeTimeoutMillis ("
                + timeoutMillis + " ms)");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HAProxyMessage header) {
            try {
                proxyHeader(header);
            } finally {
                header.release();
            }
        } else {
            // nothing else comes before the connection is open: the decoders ahead hold the bytes
            ReferenceCountUtil.release(msg);
        }
    }

    private void proxyHeader(HAProxyMessage header) {
        awaitingProxyHeader = false;
        // LOCAL is the balancer's own health check; UNKNOWN carries no address: both keep the socket's peer
        if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
            try {
                // a literal from the header: no lookup
                client = new InetSocketAddress(InetAddress.getByName(header.sourceAddress()), header.sourcePort());
            } catch (UnknownHostException e) {
                refuse("its PROXY header names no valid source address (" + header.sourceAddress() + ")");
                return;
            }
        }
        clientKnown();
    }

    /** Called when the connection has no PROXY header: the socket's peer is the client. */
    void noProxyHeader() {
        if (awaitingProxyHeader) { // a direct client's address was judged on accepting it
            awaitingProxyHeader = false;
            clientKnown();
        }
    }

    // the allowlist and the per-address limit judge the client, whoever names it
    private void clientKnown() {
        if (listener.admits(ctx.channel(), client)) {
            openIfReady();
        } else {
            end();
        }
    }

    /**
     * Closes the connection for a PROXY protocol fault; also once open, since a direct client is opened before its
     * first bytes show whether it forges a header.
     */
    void refuse(String reason) {
        if (opened && ctx.channel().isActive()) {
            listener.refusedClients().event(() -> "closing the connection from " + client + ": " + reason);
            ctx.channel().close();
            return;
        }
        fail(listener.refusedClients(), reason);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake && !ended) {
            if (handshake.isSuccess()) {
                awaitingHandshake = false;
                openIfReady();
            } else if (!ctx.channel().isActive()) {
                leftEarly(handshake.cause());
            } else {
                fail(listener.handshakeFailures(), "TLS handshake failed: " + reason(handshake.cause()));
            }
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent && !ended) {
            leftEarly("it closed its side"); // the listener allows half-closed connections: this one left
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            leftEarly(cause); // a reset
        } else if (rejection(cause) != null) {
            fail(listener.handshakeFailures(), "no thread for its TLS handshake: " + rejection(cause).getMessage());
        } else if (cause instanceof HAProxyProtocolException) {
            refuse("its PROXY protocol header is malformed: " + cause.getMessage());
        } else if (!(cause.getCause() instanceof SSLException) && !(cause instanceof SSLException)) {
            fail(listener.refusedClients(), "error while opening: " + cause);
        }
        // a TLS failure also ends the handshake, whose event says why
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        ended = true;
        ctx.fireChannelInactive();
    }

    private void openIfReady() {
        if (ended || awaitingProxyHeader || awaitingHandshake) {
            return;
        }
        ended = true;
        opened = true;
        cancelTimeout();
        HandshakeReadHold hold = ctx.pipeline().get(HandshakeReadHold.class);
        if (hold != null) {
            hold.retire();
        }
        listener.open(ctx.channel(), client, peerCertificates());
        ctx.fireChannelActive();
        ctx.pipeline().remove(this);
    }

    private List<X509Certificate> peerCertificates() {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return List.of();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return Arrays.stream(chain).map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of(); // clientAuth NONE, or WANT and the client sent none
        }
    }

    // a port scan or a load balancer's TCP health check: not worth an operator's attention
    private void leftEarly(Object how) {
        if (!ended) {
            LOG.log(Level.FINE, () -> "The client " + client + " left before its connection was open: " + how);
        }
        end();
    }

    private void fail(SummarizedLog log, String reason) {
        if (ended) {
            return;
        }
        log.event(() -> "closing the connection from " + client + ": " + reason);
        end();
    }

    private void end() {
        ended = true;
        cancelTimeout();
        ctx.close();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    // the work manager refused a work for a handshake task
    private static RejectedExecutionException rejection(Throwable cause) {
        for (Throwable link = cause; link != null; link = link.getCause() == link ? null : link.getCause()) {
            if (link instanceof RejectedExecutionException rejected) {
                return rejected;
            }
        }
        return null;
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (cause instanceof NotSslRecordException || root instanceof NotSslRecordException) {
            return "it sent no TLS record (a plaintext client on a TLS port?)";
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (message.contains("Empty client certificate chain") || message.contains("Empty server certificate")) {
            return "the client presented no certificate, and clientAuth is NEED";
        }
        return message;
    }
}
