package io.github.tcpadapter.outbound.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The plaintext of a TLS session over a {@link PlainTransport}, with the same deadlines and looks: an
 * {@link SSLEngine} wraps what is written into records that go out through the plain transport's timed writes, and
 * unwraps the records that blocking reads (bounded by the caller's deadline) or non-blocking looks bring in. A look
 * unwraps what arrived without waiting, so a peer's close_notify or end of stream shows at pool checkout as in
 * plaintext; records without application bytes (TLS 1.3 session tickets and key updates) are consumed on the way,
 * and what the engine must answer (a key update) is sent. Closing sends close_notify if that can be done at once.
 *
 * <p>Not thread-safe, except {@link #close()}: the engine's users are serialised with a lock that
 * {@code close()} only tries, so that closing never waits for a call blocked on the network.
 */
public final class TlsTransport implements ByteTransport {

    private static final Logger LOG = Logger.getLogger(TlsTransport.class.getName());
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    // bounds the records one look unwraps, so a peer that keeps sending cannot hold the caller
    private static final int MAX_LOOK_STEPS = 16;
    // records gathered before a write to the network: fewer system calls for large frames
    private static final int RECORDS_PER_WRITE = 4;

    private final PlainTransport network;
    private final SSLEngine engine;
    private final TlsFailures failures;
    private final ReentrantLock lock = new ReentrantLock();
    // records received and not unwrapped yet, between position and limit
    private ByteBuffer netIn;
    // plaintext unwrapped and not delivered yet, between position and limit
    private ByteBuffer appIn;
    // records wrapped and not written yet, between position and limit
    private ByteBuffer netOut;
    // the peer's close_notify or end of stream was read: no more plaintext can come
    private boolean inboundDone;

    private TlsTransport(PlainTransport network, SSLEngine engine, TlsFailures failures) {
        this.network = network;
        this.engine = engine;
        this.failures = failures;
        int packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packetSize).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(packetSize * RECORDS_PER_WRITE).flip();
    }

    /**
     * Performs the TLS handshake over a connected network transport. On failure the caller closes the network.
     *
     * @param network the connected socket's bytes
     * @param engine a client- or server-mode engine, not used yet
     * @param failures explains the engine's failures to operators
     * @param timeoutMillis how long the whole handshake may take
     * @return the transport of the session's plaintext
     * @throws SocketTimeoutException if the handshake did not complete in time
     * @throws SSLException if the handshake failed; the message says why in the engine's words
     * @throws IOException if the network failed
     */
    public static TlsTransport handshake(PlainTransport network, SSLEngine engine, TlsFailures failures,
            int timeoutMillis) throws IOException {
        TlsTransport transport = new TlsTransport(network, engine, failures);
        transport.lock.lock();
        try {
            engine.beginHandshake();
            transport.driveHandshake(deadline(timeoutMillis));
        } catch (SSLException e) {
            transport.sendAlert();
            throw e;
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw transport.alertBehind(e);
        } finally {
            transport.lock.unlock();
        }
        return transport;
    }

    @Override
    public void write(ByteBuffer bytes, long timeoutMillis) throws IOException {
        lock.lock();
        try {
            long deadline = deadline(timeoutMillis);
            while (true) {
                if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                    driveHandshake(deadline); // a renegotiation (TLS 1.2) the peer started
                }
                if (!bytes.hasRemaining()) {
                    break;
                }
                SSLEngineResult result = wrap(bytes);
                if (result.getStatus() == Status.CLOSED) {
                    throw new SSLException("the session is closed");
                }
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    flush(deadline);
                }
            }
            flush(deadline);
        } catch (SSLException e) {
            throw explained(e);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            IOException reason = alertBehind(e);
            throw reason instanceof SSLException alert ? explained(alert) : reason;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] into, int offset, int length, int timeoutMillis) throws IOException {
        lock.lock();
        try {
            int available = fill(deadline(timeoutMillis), true);
            if (available < 0) {
                return -1;
            }
            int n = Math.min(length, available);
            appIn.get(into, offset, n);
            return n;
        } catch (SSLException e) {
            throw explained(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int readNow(ByteBuffer into) throws IOException {
        lock.lock();
        try {
            int available = fill(0, false);
            if (available <= 0) {
                return available;
            }
            int n = Math.min(into.remaining(), available);
            into.put(into.position(), appIn, appIn.position(), n).position(into.position() + n);
            appIn.position(appIn.position() + n);
            return n;
        } catch (SSLException e) {
            throw explained(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes plaintext available in {@code appIn}.
     *
     * @param deadline when a blocking fill gives up, as {@link System#nanoTime()}
     * @param block whether to wait for the network; without, at most {@link #MAX_LOOK_STEPS} records are unwrapped
     * @return how many plaintext bytes are available; 0 if none arrived (only without blocking); -1 once the peer
     *     closed its side and everything before was delivered
     */
    private int fill(long deadline, boolean block) throws IOException {
        for (int step = 0; !appIn.hasRemaining(); step++) {
            if (inboundDone) {
                return -1;
            }
            if (!block && step >= MAX_LOOK_STEPS) {
                return 0; // records keep coming: the next look goes on
            }
            if (netIn.hasRemaining()) {
                SSLEngineResult result = unwrap();
                if (result.getStatus() == Status.CLOSED) {
                    inboundDone = true; // the peer's close_notify
                    continue;
                }
                if (result.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                        && result.getHandshakeStatus() != HandshakeStatus.FINISHED) {
                    answerHandshake(deadline, block);
                    continue;
                }
                if (result.getStatus() == Status.OK && result.bytesConsumed() > 0) {
                    continue; // a whole record: plaintext, or one for TLS itself
                }
            }
            // nothing buffered, or only part of a record: more from the network
            int n = block ? readNetwork(deadline) : readNetworkNow();
            if (n < 0) {
                endOfStream();
            } else if (n == 0) {
                return 0;
            }
        }
        return appIn.remaining();
    }

    // what the engine needs after a record: its tasks run, its answer sent (a key update, a renegotiation)
    private void answerHandshake(long deadline, boolean block) throws IOException {
        if (block) {
            driveHandshake(deadline);
            return;
        }
        runTasks();
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            wrap(NOTHING);
            network.writeNow(netOut); // a look never waits: what the socket does not take goes with the next write
        }
    }

    /** Runs the handshake, a first one or one the peer started, until the engine needs nothing more. */
    private void driveHandshake(long deadline) throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    SSLEngineResult result = wrap(NOTHING);
                    flush(deadline);
                    if (result.getStatus() == Status.CLOSED) {
                        throw new SSLHandshakeException("the engine closed the session during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult result = netIn.hasRemaining() ? unwrap() : null;
                    if (result != null && result.getStatus() == Status.CLOSED) {
                        inboundDone = true;
                        throw new SSLHandshakeException("the peer closed the session during the handshake");
                    }
                    if ((result == null || result.getStatus() == Status.BUFFER_UNDERFLOW
                            || result.bytesConsumed() == 0) && readNetwork(deadline) < 0) {
                        inboundDone = true;
                        throw new SSLHandshakeException("the peer closed the connection during the handshake");
                    }
                }
                default -> {
                    return; // NOT_HANDSHAKING: done
                }
            }
        }
    }

    /**
     * A write failed ("Broken pipe"): a peer that refuses the session sends an alert before it closes, which says
     * more than the write's failure. Looks, without waiting, whether one arrived.
     *
     * @return the alert as the engine reports it, or {@code failure} if none arrived
     */
    private IOException alertBehind(IOException failure) {
        try {
            for (int step = 0; step < MAX_LOOK_STEPS; step++) {
                while (netIn.hasRemaining()) {
                    SSLEngineResult result = unwrap();
                    if (result.getStatus() != Status.OK || result.bytesConsumed() == 0) {
                        break;
                    }
                }
                if (readNetworkNow() <= 0) {
                    break;
                }
            }
        } catch (SSLException alert) {
            alert.addSuppressed(failure);
            return alert;
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e); // reset: nothing more to learn
        }
        return failure;
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run(); // certificate checks: the caller's thread waits for the handshake anyway
        }
    }

    // appends records to netOut; BUFFER_OVERFLOW means: flush netOut first
    private SSLEngineResult wrap(ByteBuffer plaintext) throws SSLException {
        netOut.compact();
        try {
            SSLEngineResult result = engine.wrap(plaintext, netOut);
            if (result.getStatus() == Status.BUFFER_OVERFLOW && netOut.position() == 0) {
                // not even one record fits: the session's records grew
                netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * RECORDS_PER_WRITE);
                result = engine.wrap(plaintext, netOut);
            }
            return result;
        } finally {
            netOut.flip();
        }
    }

    // unwraps one record of netIn into appIn, growing appIn if the session's records grew
    private SSLEngineResult unwrap() throws SSLException {
        appIn.compact();
        try {
            while (true) {
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                if (result.getStatus() != Status.BUFFER_OVERFLOW) {
                    return result;
                }
                appIn = grown(appIn, engine.getSession().getApplicationBufferSize());
            }
        } finally {
            appIn.flip();
        }
    }

    private void flush(long deadline) throws IOException {
        if (netOut.hasRemaining()) {
            network.write(netOut, remainingMillis(deadline, "Write timed out"));
        }
    }

    // blocking read of network bytes into netIn, bounded by the deadline
    private int readNetwork(long deadline) throws IOException {
        int timeoutMillis = remainingMillis(deadline, "Read timed out");
        makeRoomInNetIn();
        try {
            int n = network.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining(),
                    timeoutMillis);
            if (n > 0) {
                netIn.position(netIn.position() + n);
            }
            return n;
        } finally {
            netIn.flip();
        }
    }

    private int readNetworkNow() throws IOException {
        makeRoomInNetIn();
        try {
            return network.readNow(netIn);
        } finally {
            netIn.flip();
        }
    }

    // leaves netIn in write mode, with room for at least one more record
    private void makeRoomInNetIn() {
        netIn.compact();
        if (!netIn.hasRemaining()) {
            netIn = grown(netIn, engine.getSession().getPacketBufferSize());
        }
    }

    // the peer closed the connection without close_notify: the end of the stream, as in plaintext
    private void endOfStream() {
        inboundDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            LOG.log(Level.FINE, "{0} closed the connection without TLS close_notify", remoteAddress());
        }
    }

    // a buffer in write mode with the same content and at least extra more room
    private static ByteBuffer grown(ByteBuffer buffer, int extra) {
        ByteBuffer larger = ByteBuffer.allocate(buffer.position() + Math.max(extra, buffer.capacity()));
        return larger.put(buffer.flip());
    }

    private SSLException explained(SSLException e) {
        return new SSLException("TLS: " + failures.explain(e), e);
    }

    private static long deadline(long timeoutMillis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    // rounded up: a timeout of 0 would mean none at all
    private static int remainingMillis(long deadline, String timeoutMessage) throws SocketTimeoutException {
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
            throw new SocketTimeoutException(timeoutMessage);
        }
        return (int) Math.min((remainingNanos + 999_999) / 1_000_000, Integer.MAX_VALUE);
    }

    @Override
    public SocketAddress remoteAddress() {
        return network.remoteAddress();
    }

    /** Sends close_notify if no call is under way and the socket takes it at once, then closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.tryLock()) {
                try {
                    engine.closeOutbound();
                    sendAlert();
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            network.close();
        }
    }

    // best effort, never waiting: the alert of a failed handshake, or close_notify
    private void sendAlert() {
        if (!network.isOpen()) {
            return;
        }
        try {
            wrap(NOTHING);
            network.writeNow(netOut);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Cannot send a TLS alert to {0}: {1}", new Object[] {remoteAddress(), e});
        }
    }
}
