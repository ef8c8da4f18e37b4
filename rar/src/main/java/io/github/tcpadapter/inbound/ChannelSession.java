package io.github.tcpadapter.inbound;

import io.github.tcpadapter.api.TcpSession;
import io.github.tcpadapter.framing.Framing;
import io.github.tcpadapter.framing.FramingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import jakarta.resource.ResourceException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link TcpSession} over a Netty channel. Writes may come from any thread; Netty keeps them in order. */
final class ChannelSession implements TcpSession {

    private static final Logger LOG = Logger.getLogger(ChannelSession.class.getName());

    private final String id;
    private final Channel channel;
    // kept, since a closed channel may no longer know them
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final Framing framing;
    private final Charset charset;
    private final Instant openedAt = Instant.now();
    // set when the adapter or a bean closes the session; frames still queued are then dropped
    private volatile boolean closing;
    private volatile boolean stalled;

    ChannelSession(String id, Channel channel, Framing framing, Charset charset) {
        this.id = id;
        this.channel = channel;
        this.remoteAddress = (InetSocketAddress) channel.remoteAddress();
        this.localAddress = (InetSocketAddress) channel.localAddress();
        this.framing = framing;
        this.charset = charset;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public Instant openedAt() {
        return openedAt;
    }

    @Override
    public boolean isOpen() {
        return !closing && channel.isActive();
    }

    @Override
    public void send(byte[] payload) throws ResourceException {
        if (!isOpen()) {
            throw new ResourceException("Cannot send to " + this + ": the session is closed");
        }
        try {
            write(payload);
        } catch (FramingException e) {
            throw new ResourceException("Cannot send to " + this + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void send(String text) throws ResourceException {
        send(text.getBytes(charset));
    }

    /**
     * Frames and writes a payload. Waits for the write to finish only when the channel's outbound buffer is over
     * its high-water mark, so that a client that does not read cannot make us buffer without bound.
     *
     * @throws FramingException if the payload cannot be framed
     */
    void write(byte[] payload) throws FramingException {
        byte[] wire = framing.encode(payload);
        if (channel.eventLoop().isShuttingDown()) {
            // a bean that outlived the listener's shutdown timeout: its connection is closed already, and Netty
            // would log a rejected notification at SEVERE
            LOG.fine(() -> "Not writing to " + this + ": the listener has stopped");
            return;
        }
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(wire));
        written.addListener(future -> {
            if (!future.isSuccess()) {
                LOG.log(Level.FINE, "Writing to " + this + " failed", future.cause());
            }
        });
        if (!channel.isWritable() && !channel.eventLoop().inEventLoop()) {
            stalled = true;
            try {
                written.awaitUninterruptibly(); // until the client reads, or the connection closes
            } finally {
                stalled = false;
            }
        }
    }

    /** @return whether a write waits for the client to read: the client, not the bean, holds things up */
    boolean isStalled() {
        return stalled;
    }

    /** Closes the connection after the frames written so far; frames received and not yet delivered are dropped. */
    @Override
    public void close() {
        closing = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes the connection at once, unwritten frames included. */
    ChannelFuture closeNow() {
        closing = true;
        return channel.close();
    }

    /** @return whether the adapter or a bean closed the session (as opposed to the client, or still open) */
    boolean isClosing() {
        return closing;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public String toString() {
        return "session " + id + " with " + remoteAddress;
    }
}
