package io.github.tcpadapter.cluster;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessionTraffic;
import io.github.tcpadapter.api.TcpTimeoutException;
import io.github.tcpadapter.cluster.ClusterWire.Operation;
import io.github.tcpadapter.cluster.ClusterWire.Result;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A session of another member, reached through it: each send, close or request is a call to that member, bounded
 * by the call's own timeout plus {@value ClusterNode#MARGIN_MILLIS} ms, or by {@value ClusterNode#ANSWER_MILLIS} ms
 * where it has none.
 */
final class RemoteSession implements TcpSession {

    private static final Logger LOG = Logger.getLogger(RemoteSession.class.getName());
    private static final long AWAIT_SLACK_MILLIS = 1_000;

    private final SessionEntry entry;
    private final ClusterNode node;

    RemoteSession(SessionEntry entry, ClusterNode node) {
        this.entry = entry;
        this.node = node;
    }

    @Override
    public String id() {
        return entry.id();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return entry.remoteAddress();
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return entry.peerCertificates();
    }

    @Override
    public InetSocketAddress localAddress() {
        return entry.localAddress();
    }

    @Override
    public Instant openedAt() {
        return entry.openedAt();
    }

    @Override
    public int port() {
        return entry.port();
    }

    @Override
    public Charset charset() {
        return entry.charset();
    }

    @Override
    public Optional<String> member() {
        return Optional.of(entry.member().name());
    }

    /** @return whether the directory lists the session: its member has not said it closed, nor left */
    @Override
    public boolean isOpen() {
        return node.listed(entry);
    }

    /**
     * @return the traffic as its member last told: when the session opened, then every
     *     {@value ClusterNode#SNAPSHOT_SECONDS} s; never a call that could wait on a slow member
     */
    @Override
    public TcpSessionTraffic traffic() {
        return entry.traffic();
    }

    @Override
    public void send(byte[] payload) throws ResourceException {
        send(payload, Duration.ofMillis(entry.writeTimeoutMillis()));
    }

    @Override
    public void send(byte[] payload, Duration timeout) throws ResourceException {
        long millis = Math.max(0, timeout.toMillis());
        long bound = millis + ClusterNode.MARGIN_MILLIS;
        await(call(Operation.SEND, millis, payload, bound, "send to " + this), bound);
    }

    @Override
    public void send(String text) throws ResourceException {
        send(text.getBytes(entry.charset()));
    }

    @Override
    public CompletionStage<Void> sendAsync(byte[] payload) {
        return call(Operation.SEND_ASYNC, 0, payload, ClusterNode.ANSWER_MILLIS, "sendAsync to " + this)
                .thenApply(result -> null);
    }

    @Override
    public CompletionStage<Void> sendAsync(String text) {
        return sendAsync(text.getBytes(entry.charset()));
    }

    /** Asks the member to close the connection, and returns at once. */
    @Override
    public void close() {
        call(Operation.CLOSE, 0, new byte[0], ClusterNode.ANSWER_MILLIS, "close of " + this)
                .exceptionally(failure -> {
                    LOG.log(Level.FINE, failure.getMessage());
                    return null;
                });
    }

    @Override
    public CompletionStage<TcpMessage> requestAsync(byte[] payload, Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        return call(Operation.REQUEST, millis, payload, millis + ClusterNode.MARGIN_MILLIS, "requestAsync to " + this)
                .thenApply(reply -> new TcpMessage(reply.payload(), entry.id(), entry.remoteAddress(),
                        entry.charset(), entry.peerCertificates()));
    }

    @Override
    public CompletionStage<TcpMessage> requestAsync(String text, Duration timeout) {
        return requestAsync(text.getBytes(entry.charset()), timeout);
    }

    // the member's answer, failed as the local session would fail
    private CompletableFuture<Result> call(Operation operation, long timeoutMillis, byte[] payload, long boundMillis,
            String what) {
        return node.call(entry, operation, timeoutMillis, payload, boundMillis, what).thenCompose(result -> {
            switch (result.outcome()) {
                case DONE:
                    return CompletableFuture.completedFuture(result);
                case TIMED_OUT:
                    return CompletableFuture.failedFuture(new TcpTimeoutException(result.error(), null));
                default:
                    return CompletableFuture.failedFuture(new ResourceException(result.error()));
            }
        });
    }

    // the call fails at its bound (RemoteCalls); the wait has one of its own, a little longer, all the same
    private Result await(CompletableFuture<Result> call, long boundMillis) throws ResourceException {
        try {
            return call.get(boundMillis + AWAIT_SLACK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(false);
            throw new TcpTimeoutException("Member " + entry.member().name() + " did not answer send to " + this
                    + " within " + boundMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceException("Interrupted while waiting for another member", e);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof ResourceException cause) {
                throw cause;
            }
            throw new ResourceException(e.getCause());
        }
    }

    @Override
    public String toString() {
        return "session " + entry.id() + " with " + entry.remoteAddress() + " on member " + entry.member().name();
    }
}
