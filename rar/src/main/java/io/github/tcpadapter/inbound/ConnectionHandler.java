package io.github.tcpadapter.inbound;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The last handler of a connection's pipeline: hands its events to its {@link ConnectionQueue}. */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionHandler.class.getName());

    private final ChannelSession session;
    private final ConnectionQueue queue;

    ConnectionHandler(ChannelSession session, ConnectionQueue queue) {
        this.session = session;
        this.queue = queue;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        queue.opened();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        queue.received((byte[]) msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        queue.closed();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            queue.inputEnded();
        }
        // a client waiting for a slow bean is not idle; one that does not read what it is sent is
        if (evt instanceof IdleStateEvent && (queue.isIdle() || session.isStalled()) && !session.isClosing()) {
            LOG.info(() -> "Closing the idle " + session);
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
