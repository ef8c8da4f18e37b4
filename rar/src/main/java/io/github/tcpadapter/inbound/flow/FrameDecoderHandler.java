package io.github.tcpadapter.inbound.flow;

import io.github.tcpadapter.framing.FrameDecoder;
import io.github.tcpadapter.framing.FramingException;
import io.github.tcpadapter.metrics.SummarizedLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * Turns a channel's bytes into frames ({@code byte[]}) with one of our {@link FrameDecoder}s, one per channel.
 *
 * <p>It decodes only while the channel's {@code autoRead} is on: when the next handler pauses reading because its
 * queue is full, the bytes already read stay here undecoded, so no more frames than the queue allows are made. The
 * one who resumes reading fires {@link #DECODE_MORE} from the head of the pipeline to decode them.
 *
 * <p>When the client shuts its output down or the channel closes, the rest is decoded and the decoder is told the
 * stream ended; a {@link ChannelInputShutdownEvent} is passed on after the last frame. A
 * {@link FramingException} closes the channel with a log line naming the peer (summed up when they come often).
 * The bytes held here, in its buffer and in the decoder's, count against the listener's {@link ByteBudget}.
 */
public final class FrameDecoderHandler extends ChannelInboundHandlerAdapter {

    /** User event that makes this handler decode the bytes it holds, after reading was resumed. */
    static final Object DECODE_MORE = new Object() {
        @Override
        public String toString() {
            return "DECODE_MORE";
        }
    };

    private final FrameDecoder decoder;
    private final ByteBudget.Account budget;
    private final SummarizedLog failures;
    private final BooleanSupplier closedHere;
    private ByteBuf held;
    private boolean failed;
    private boolean ended;

    /**
     * @param decoder the channel's own decoder
     * @param budget where the bytes held here are counted
     * @param failures where framing errors are logged
     * @param closedHere whether the listener or a bean closed the connection, rather than the client
     */
    public FrameDecoderHandler(FrameDecoder decoder, ByteBudget.Account budget, SummarizedLog failures,
            BooleanSupplier closedHere) {
        this.decoder = decoder;
        this.budget = budget;
        this.failures = failures;
        this.closedHere = closedHere;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            bytes.release();
            return;
        }
        hold(ctx.alloc(), bytes);
        decode(ctx, false);
        budget.checkAfterRead();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == DECODE_MORE) {
            decode(ctx, false);
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            endOfStream(ctx);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        endOfStream(ctx);
        budget.close();
        ctx.fireChannelInactive();
    }

    /** The client shut its output down, or the channel closed: no more reads will come. */
    private void endOfStream(ChannelHandlerContext ctx) {
        if (ended) {
            return;
        }
        ended = true;
        if (closedHere.getAsBoolean()) {
            release(); // the listener or a bean closed the connection: what it still held is dropped, no fault
            return;
        }
        // what is held is the end of the stream: decode it all, whatever the queue's size
        decode(ctx, true);
        if (!failed) {
            try {
                byte[] last = decoder.endOfStream();
                if (last != null) {
                    ctx.fireChannelRead(last);
                }
            } catch (FramingException e) {
                fail(ctx, e);
            }
        }
        release();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void hold(ByteBufAllocator alloc, ByteBuf bytes) {
        held = held == null ? bytes : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, held, bytes);
    }

    private void decode(ChannelHandlerContext ctx, boolean endOfStream) {
        try {
            while (!failed && held != null && held.isReadable()
                    && (endOfStream || ctx.channel().config().isAutoRead())) {
                byte[] frame = decodeOne();
                if (frame == null) {
                    break;
                }
                ctx.fireChannelRead(frame);
            }
        } catch (FramingException e) {
            fail(ctx, e);
        }
        if (held != null && !held.isReadable()) {
            release();
        }
        count();
    }

    private void count() {
        budget.undecoded((held == null ? 0 : held.readableBytes()) + (long) decoder.pendingBytes());
    }

    private byte[] decodeOne() throws FramingException {
        ByteBuffer in = held.nioBuffer();
        int before = in.position();
        byte[] frame = decoder.decode(in);
        held.skipBytes(in.position() - before);
        return frame;
    }

    private void fail(ChannelHandlerContext ctx, FramingException e) {
        failed = true;
        release();
        failures.event(() -> "closing the connection from " + ctx.channel().remoteAddress() + ": " + e.getMessage());
        ctx.close();
    }

    private void release() {
        if (held != null) {
            held.release();
            held = null;
        }
        budget.undecoded(failed || ended ? 0 : decoder.pendingBytes());
    }
}
