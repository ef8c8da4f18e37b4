package io.github.tcpadapter.bench.load;

import io.github.tcpadapter.bench.server.ResultLine;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.HdrHistogram.Histogram;

/**
 * A burst of new TLS connections to an echo server on 127.0.0.1, all opened at once: each completes the TLS 1.3
 * handshake, sends one LINE frame, waits for its echo and closes. It prints one JSON line ({@link ResultLine}):
 * {@code requests} the connections that got their echo, {@code seconds} from the first connect to the last echo,
 * so {@code rps} is handshakes completed per second, the latencies those of connect to first reply, {@code errors}
 * the connections that failed, {@code outstanding} those still waiting at the deadline.
 *
 * <pre>
 * HandshakeBurst --port P --connections N --bytes B --seconds DEADLINE
 * </pre>
 *
 * <p>The JVM is new for each burst: it first runs the same burst once, unrecorded, so that its own TLS code is
 * compiled before the burst it reports. Every connection has a 5 s connect timeout and a 10 s handshake timeout;
 * the whole burst ends at the deadline
 * whatever happened. One event-loop thread does the client side of every connection, as in {@link LoadGenerator}.
 * Exit code 0 with the JSON line (failures are figures, not a failed run); 2 on a bad command line.
 */
public final class HandshakeBurst {

    private static final String HOST = "127.0.0.1";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final int port;
    private final int connections;
    private final int bytes;
    private final int deadlineSeconds;

    private HandshakeBurst(Args args) {
        port = args.requiredInt("port", 1);
        connections = args.requiredInt("connections", 1);
        bytes = args.requiredInt("bytes", 2);
        deadlineSeconds = args.requiredInt("seconds", 1);
    }

    /** @param args see the class comment */
    public static void main(String[] args) {
        HandshakeBurst burst;
        try {
            burst = new HandshakeBurst(Args.parse(args, Set.of("port", "connections", "bytes", "seconds"), Set.of()));
        } catch (IllegalArgumentException e) {
            System.err.println("HandshakeBurst: " + e.getMessage());
            System.err.println("usage: HandshakeBurst --port P --connections N --bytes B --seconds DEADLINE");
            System.exit(2);
            return;
        }
        try {
            System.out.println(burst.run());
            System.exit(0);
        } catch (SSLException e) {
            System.err.println("HandshakeBurst: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private String run() throws SSLException, InterruptedException {
        SslContext tls = LoadGenerator.trustingTls13Client();
        EventLoopGroup group = NettyTransport.eventLoops(1);
        ByteBuf frame = Unpooled.unreleasableBuffer(LoadGenerator.newFrame(bytes));
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NettyTransport.socketChannel())
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
            // this JVM is new: one burst unrecorded first, so that the client's own TLS code is compiled
            new Round(bootstrap, tls, frame).run();
            return new Round(bootstrap, tls, frame).run();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the event loop did not answer: " + e, e);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    /** One burst; its connections count into it alone, also when they end after it. */
    private final class Round {

        private final Bootstrap bootstrap;
        private final SslContext tls;
        private final ByteBuf frame;
        private final Histogram latencies = Result.newHistogram();
        private final CountDownLatch finished = new CountDownLatch(connections);
        /** Written on the one event loop only, read by the main thread after the latch or the deadline. */
        private volatile long failures;
        private volatile long lastReplyNanos;

        Round(Bootstrap bootstrap, SslContext tls, ByteBuf frame) {
            this.bootstrap = bootstrap;
            this.tls = tls;
            this.frame = frame;
        }

        /** @return the burst's result line */
        String run() throws InterruptedException, ExecutionException, TimeoutException {
            List<Channel> channels = new ArrayList<>(connections);
            EventLoop loop = bootstrap.config().group().next();
            try {
                long start = System.nanoTime();
                lastReplyNanos = start;
                for (int i = 0; i < connections; i++) {
                    OneExchange exchange = new OneExchange(System.nanoTime());
                    channels.add(bootstrap.clone().handler(initializer(exchange)).connect(HOST, port)
                            .addListener(connect -> {
                                if (!connect.isSuccess()) {
                                    exchange.failOnce(null);
                                }
                            }).channel());
                }
                boolean all = finished.await(deadlineSeconds, TimeUnit.SECONDS);
                return loop.submit(() -> {
                    long answered = latencies.getTotalCount();
                    long outstanding = all ? 0 : connections - answered - failures;
                    double seconds = answered == 0 ? deadlineSeconds : (lastReplyNanos - start) / 1e9;
                    return ResultLine.json(latencies, seconds, failures, connections, outstanding,
                            connections - answered);
                }).get(5, TimeUnit.SECONDS);
            } finally {
                for (Channel channel : channels) {
                    channel.close();
                }
            }
        }

        private ChannelInitializer<SocketChannel> initializer(OneExchange exchange) {
            return new ChannelInitializer<>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    SslHandler handler = tls.newHandler(channel.alloc(), HOST, port);
                    handler.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS);
                    handler.handshakeFuture().addListener(handshake -> {
                        if (handshake.isSuccess()) {
                            channel.writeAndFlush(frame.duplicate());
                        }
                    });
                    channel.pipeline().addLast(handler, new LineBasedFrameDecoder(bytes), exchange);
                }
            };
        }

        /**
         * Waits for the one echo of its connection, records connect to reply, and closes; used on the event loop
         * only.
         */
        private final class OneExchange extends SimpleChannelInboundHandler<ByteBuf> {

            private final long start;
            private boolean done;

            OneExchange(long start) {
                this.start = start;
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf reply) {
                if (done) {
                    return;
                }
                if (reply.readableBytes() == bytes - 1
                        && ByteBufUtil.equals(frame, 0, reply, reply.readerIndex(), bytes - 1)) {
                    done = true;
                    long now = System.nanoTime();
                    latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(now - start));
                    lastReplyNanos = now;
                    finished.countDown();
                    ctx.close();
                } else {
                    failOnce(ctx);
                }
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                failOnce(ctx);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                failOnce(null);
            }

            /** Counts this connection as failed, unless it has ended already. */
            void failOnce(ChannelHandlerContext ctx) {
                if (done) {
                    return;
                }
                done = true;
                failures++;
                finished.countDown();
                if (ctx != null) {
                    ctx.close();
                }
            }
        }
    }
}
