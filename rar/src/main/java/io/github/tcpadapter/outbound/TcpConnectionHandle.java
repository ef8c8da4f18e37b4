package io.github.tcpadapter.outbound;

import io.github.tcpadapter.api.TcpConnection;
import jakarta.resource.ResourceException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application's handle on a pooled {@link TcpManagedConnection}. Its calls belong to the thread that took it:
 * the pool lends the socket to one caller at a time, and a second thread could take a reply meant for the first.
 * Any thread may close it, once; the managed connection gives the socket back when no call is using it. Its
 * {@code requestAsync} calls are the exception: they use the factory's shared multiplexed links, from any thread.
 */
public final class TcpConnectionHandle implements TcpConnection {

    private final Thread owner = Thread.currentThread();
    private final Charset charset;
    private volatile TcpManagedConnection connection;
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpConnectionHandle(TcpManagedConnection connection, Charset charset) {
        this.connection = connection;
        this.charset = charset;
    }

    @Override
    public void send(byte[] payload) throws ResourceException {
        managedConnection().send(this, payload);
    }

    @Override
    public void send(String text) throws ResourceException {
        send(text.getBytes(charset));
    }

    @Override
    public byte[] request(byte[] payload) throws ResourceException {
        TcpManagedConnection managed = managedConnection();
        return managed.request(this, payload, managed.readTimeoutMillis());
    }

    @Override
    public byte[] request(byte[] payload, Duration timeout) throws ResourceException {
        return managedConnection().request(this, payload, millis(timeout));
    }

    @Override
    public String request(String text) throws ResourceException {
        return new String(request(text.getBytes(charset)), charset);
    }

    @Override
    public CompletionStage<byte[]> requestAsync(byte[] payload, Duration timeout) {
        requireOpen(); // any thread: the request goes to the factory's shared links, not to this handle's socket
        return connection.requestAsync(payload, millis(timeout));
    }

    @Override
    public CompletionStage<String> requestAsync(String text, Duration timeout) {
        return requestAsync(text.getBytes(charset), timeout).thenApply(reply -> new String(reply, charset));
    }

    @Override
    public byte[] receive() throws ResourceException {
        TcpManagedConnection managed = managedConnection();
        return managed.receive(this, managed.readTimeoutMillis());
    }

    @Override
    public byte[] receive(Duration timeout) throws ResourceException {
        return managedConnection().receive(this, millis(timeout));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.closed(this);
        }
    }

    /** Moves this handle to another managed connection, as the pool asks. */
    void associate(TcpManagedConnection target) {
        connection.detach(this);
        connection = target;
        target.attach(this);
    }

    /** Ends this handle's use without giving the connection back: the pool took it back already. */
    void invalidate() {
        closed.set(true);
    }

    /**
     * Checked again once the call holds the socket: a close on another thread may have given it back meanwhile.
     *
     * @throws IllegalStateException if this handle is closed
     */
    void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The TCP connection handle is closed");
        }
    }

    private TcpManagedConnection managedConnection() {
        requireOwner();
        requireOpen();
        return connection;
    }

    private void requireOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("The TCP connection handle belongs to thread '" + owner.getName()
                    + "'; take a connection of your own in '" + Thread.currentThread().getName() + "'");
        }
    }

    private static long millis(Duration timeout) {
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("The timeout must be at least 1 ms: " + timeout);
        }
        return timeout.toMillis();
    }
}
