package io.github.tcpadapter.conversation;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Sends a link's heartbeat after its quiet spell and, when an answer is awaited, recycles the link if nothing is
 * read in time. Any frame read counts as the answer: it goes on to the handlers after this one like any other. Its
 * idle events are its own: the handlers after it never see them (an {@code idleTimeoutMillis} has its own).
 */
public final class IdleHeartbeat extends IdleStateHandler {

    private final Heartbeat heartbeat;
    private final HeartbeatCounters counters;
    private final BiConsumer<Channel, String> recycle;
    private ScheduledFuture<?> awaiting;

    /**
     * @param heartbeat when to send and how long to wait
     * @param counters where sent and missed heartbeats are counted
     * @param recycle closes the link, saying why, for its owner to reconnect
     */
    public IdleHeartbeat(Heartbeat heartbeat, HeartbeatCounters counters,
            BiConsumer<Channel, String> recycle) {
        super(0, 0, heartbeat.intervalMillis(), TimeUnit.MILLISECONDS);
        this.heartbeat = heartbeat;
        this.counters = counters;
        this.recycle = recycle;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
        if (awaiting != null) {
            return; // one heartbeat at a time: its timer decides
        }
        counters.sent(); // before the write: a peer that has read the heartbeat sees it counted
        ctx.writeAndFlush(Unpooled.wrappedBuffer(heartbeat.wire()));
        if (heartbeat.replyTimeoutMillis() > 0) {
            awaiting = ctx.executor().schedule(() -> missed(ctx), heartbeat.replyTimeoutMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void missed(ChannelHandlerContext ctx) {
        awaiting = null;
        counters.missed();
        recycle.accept(ctx.channel(), "no answer to the heartbeat within " + heartbeat.replyTimeoutMillis()
                + " ms (heartbeatReplyTimeoutMillis)");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        stopAwaiting();
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopAwaiting();
        super.channelInactive(ctx);
    }

    private void stopAwaiting() {
        if (awaiting != null) {
            awaiting.cancel(false);
            awaiting = null;
        }
    }
}
