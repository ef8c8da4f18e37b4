package io.github.tcpadapter.inbound.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose client may still be sending, the way careful TCP servers do: a socket closed with
 * bytes unread makes the kernel answer with a reset, and the reset makes the client's kernel drop the replies it
 * has not read yet. So the output is shut down first (after TLS's close_notify), which sends the replies and then
 * the end of the stream, and whatever the client still sends is read and discarded until it closes too, or sends
 * nothing for {@value #QUIET_MILLIS} ms. The caller bounds the whole with its own timer.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {

    /** How long a client that neither sends nor closes is waited for. */
    static final long QUIET_MILLIS = 2_000;

    private ScheduledFuture<?> quiet;

    private LingeringClose() {
    }

    /** On the event loop, once everything written is flushed: shuts the output down and discards the input. */
    static void start(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        Future<?> tlsClosed = tls == null ? channel.newSucceededFuture() : tls.closeOutbound();
        tlsClosed.addListener(done -> {
            if (!(channel instanceof DuplexChannel duplex) || !channel.isActive() || duplex.isInputShutdown()) {
                channel.close(); // nothing more will come: closing sends no reset
                return;
            }
            channel.pipeline().addFirst(new LingeringClose());
            duplex.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    channel.close();
                }
            });
            channel.config().setAutoRead(true);
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        rearm(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        rearm(ctx);
    }

    private void rearm(ChannelHandlerContext ctx) {
        if (quiet != null) {
            quiet.cancel(false);
        }
        quiet = ctx.executor().schedule(() -> {
            ctx.close();
        }, QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close(); // the client closed too
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset: the client is gone
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (quiet != null) {
            quiet.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
