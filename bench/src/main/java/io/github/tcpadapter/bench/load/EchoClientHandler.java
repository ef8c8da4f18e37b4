package io.github.tcpadapter.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.Promise;
import java.io.IOException;

/**
 * One closed-loop connection of the load generator: it sends the frame, waits for its echo, records the round
 * trip and sends the frame again, with exactly one request outstanding at any time.
 *
 * <p>It sits behind a {@code LineBasedFrameDecoder} that strips the {@code '\n'}, so a correct reply is the
 * frame's payload. Any failure that is not a wrong reply (a write error, the server closing the connection)
 * fails the whole run through the shared outcome: a benchmark with a broken connection measures nothing.
 */
final class EchoClientHandler extends SimpleChannelInboundHandler<ByteBuf> {

    private final ByteBuf frame;
    private final int payloadLength;
    private final Measurement measurement;
    private final Promise<Result> outcome;
    private final ChannelFutureListener failOnWriteError = this::failOnWriteError;
    private ChannelHandlerContext context;
    private boolean awaitingReply;
    private boolean answeredInWindow;
    private long sentNanos;

    /**
     * @param frame the request frame, payload and {@code '\n'}, shared by all connections and never modified
     * @param measurement the run's counters
     * @param outcome the run's outcome, failed by this connection if it breaks
     */
    EchoClientHandler(ByteBuf frame, Measurement measurement, Promise<Result> outcome) {
        this.frame = frame;
        this.payloadLength = frame.readableBytes() - 1;
        this.measurement = measurement;
        this.outcome = outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    /** Sends the next request; called on the event loop. */
    void sendNext() {
        awaitingReply = true;
        sentNanos = System.nanoTime();
        // a duplicate per write: the write releases it, the shared frame keeps its own reference and index
        context.writeAndFlush(frame.retainedDuplicate()).addListener(failOnWriteError);
    }

    /** @return whether a request is waiting for its reply */
    boolean awaitingReply() {
        return awaitingReply;
    }

    /** @return whether a correct reply arrived in the measured window */
    boolean answeredInWindow() {
        return answeredInWindow;
    }

    /**
     * @param nowNanos the current {@link System#nanoTime()}
     * @return how long the outstanding request has waited for its reply, 0 if none is outstanding
     */
    long waitingNanos(long nowNanos) {
        return awaitingReply ? nowNanos - sentNanos : 0;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf reply) {
        if (!awaitingReply) {
            // a frame nobody asked for: the server is not a plain echo
            measurement.error();
            return;
        }
        long latencyNanos = System.nanoTime() - sentNanos;
        if (reply.readableBytes() == payloadLength
                && ByteBufUtil.equals(frame, frame.readerIndex(), reply, reply.readerIndex(), payloadLength)) {
            answeredInWindow |= measurement.reply(latencyNanos);
        } else {
            measurement.error();
        }
        answered();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException && awaitingReply) {
            // the decoder dropped a reply longer than the request, up to its '\n': a wrong reply, not a broken link
            measurement.error();
            answered();
        } else {
            outcome.tryFailure(new IOException("a connection failed: " + cause, cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!measurement.stopped()) {
            outcome.tryFailure(new IOException("the server closed a connection during the run"));
        }
    }

    private void answered() {
        awaitingReply = false;
        if (!measurement.stopped()) {
            sendNext();
        }
    }

    private void failOnWriteError(ChannelFuture write) {
        if (!write.isSuccess()) {
            outcome.tryFailure(new IOException("a request could not be sent: " + write.cause(), write.cause()));
        }
    }
}
