package io.github.tcpadapter.inbound;

import io.github.tcpadapter.inbound.delivery.ConnectionQueue;
import io.github.tcpadapter.inbound.flow.ReadGate;
import io.github.tcpadapter.inbound.session.ChannelSession;
import io.github.tcpadapter.inbound.session.SessionRequests;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last handler of a connection's pipeline: hands its events to its {@link ConnectionQueue}, pauses reading
 * while the client leaves too much unread, and closes a client that leaves it so for {@code writeTimeoutMillis}
 * (a slow consumer), which frees every thread waiting to write to it.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionHandler.class.getName());

    private final ChannelSession session;
    private final ConnectionQueue queue;
    private final ReadGate gate;
    private final InboundListener listener;
    private ScheduledFuture<?> writeTimeout;

    ConnectionHandler(ChannelSession session, ConnectionQueue queue, ReadGate gate, InboundListener listener) {
        this.session = session;
        this.queue = queue;
        this.gate = gate;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        queue.opened();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        byte[] frame = (byte[]) msg;
        SessionRequests requests = session.requests();
        if (requests == null || !requests.answers(frame)) {
            queue.received(frame); // not a reply to a requestAsync: the bean's
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelWriteTimeout();
        listener.closed(session);
        session.roomChanged(); // senders waiting for room give up
        SessionRequests requests = session.requests();
        if (requests != null) {
            requests.closed();
        }
        queue.closed();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (channel.isWritable()) {
            cancelWriteTimeout();
            gate.resume(ReadGate.Reason.ROOM);
        } else {
            gate.pause(ReadGate.Reason.ROOM);
            if (writeTimeout == null) {
                long millis = listener.settings().writeTimeoutMillis();
                writeTimeout = ctx.executor().schedule(() -> closeSlowConsumer(channel, millis), millis,
                        TimeUnit.MILLISECONDS);
            }
        }
        session.roomChanged();
        queue.roomChanged();
        ctx.fireChannelWritabilityChanged();
    }

    private void closeSlowConsumer(Channel channel, long millis) {
        writeTimeout = null;
        if (channel.isActive() && !channel.isWritable()) {
            listener.slowConsumers().event(() -> "closing the slow consumer " + session + ": its unread replies "
                    + "stayed over the outbound high-water mark for writeTimeoutMillis (" + millis + " ms)");
            session.closeNow();
        }
    }

    private void cancelWriteTimeout() {
        if (writeTimeout != null) {
            writeTimeout.cancel(false);
            writeTimeout = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            queue.inputEnded();
        }
        // a client waiting for a slow bean is not idle; one that does not read what it is sent is
        if (evt instanceof IdleStateEvent && (queue.isIdle() || !ctx.channel().isWritable())
                && !session.isClosing()) {
            listener.idleClosed().event(() -> "closing the idle " + session);
            session.closeNow();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset or broken connection is the client's business; anything else is ours. Either way the frames
        // received before are still delivered, as when the client hangs up.
        Level level = cause instanceof IOException ? Level.FINE : Level.WARNING;
        LOG.log(level, "Closing " + session + " after an error", cause);
        ctx.close();
    }
}
