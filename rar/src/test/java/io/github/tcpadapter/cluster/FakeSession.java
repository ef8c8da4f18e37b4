package io.github.tcpadapter.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.api.TcpSessionTraffic;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** A session of a member's own listener, as far as the cluster sees it: what was sent to it is kept. */
final class FakeSession implements TcpSession {

    private final String id;
    private final int port;
    private final Instant openedAt = Instant.now();
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    volatile boolean open = true;
    // what send fails with, if anything
    volatile ResourceException sendFailure;
    // what requestAsync answers
    volatile CompletionStage<TcpMessage> reply;

    FakeSession(String id, int port) {
        this.id = id;
        this.port = port;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 40_000);
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        return List.of();
    }

    @Override
    public InetSocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Charset charset() {
        return UTF_8;
    }

    @Override
    public Optional<String> member() {
        return Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public TcpSessionTraffic traffic() {
        return new TcpSessionTraffic(3, 30, sent.size(), 0, openedAt);
    }

    @Override
    public void send(byte[] payload) throws ResourceException {
        send(payload, Duration.ofSeconds(30));
    }

    @Override
    public void send(byte[] payload, Duration timeout) throws ResourceException {
        if (sendFailure != null) {
            throw sendFailure;
        }
        sent.add("send " + new String(payload, UTF_8) + " within " + timeout.toMillis());
    }

    @Override
    public void send(String text) throws ResourceException {
        send(text.getBytes(UTF_8));
    }

    @Override
    public CompletionStage<Void> sendAsync(byte[] payload) {
        if (sendFailure != null) {
            return CompletableFuture.failedStage(sendFailure);
        }
        sent.add("sendAsync " + new String(payload, UTF_8));
        return CompletableFuture.completedStage(null);
    }

    @Override
    public CompletionStage<Void> sendAsync(String text) {
        return sendAsync(text.getBytes(UTF_8));
    }

    @Override
    public void close() {
        sent.add("close");
    }

    @Override
    public CompletionStage<TcpMessage> requestAsync(byte[] payload, Duration timeout) {
        sent.add("request " + new String(payload, UTF_8) + " within " + timeout.toMillis());
        return reply;
    }

    @Override
    public CompletionStage<TcpMessage> requestAsync(String text, Duration timeout) {
        return requestAsync(text.getBytes(UTF_8), timeout);
    }
}
