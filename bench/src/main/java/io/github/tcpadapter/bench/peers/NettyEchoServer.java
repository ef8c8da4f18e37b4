package io.github.tcpadapter.bench.peers;

import io.github.tcpadapter.bench.load.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "The limit": a plain Netty LINE echo server with nothing between the socket and the echo, on one event-loop
 * thread that both accepts and serves, as the adapter's listener does. Process contract: {@link PeerProcess}, plus
 * {@code --delay-millis D}: each frame is echoed D ms after it arrived instead of at once, scheduled on the event
 * loop, so a connection's replies keep its requests' order and any number of requests may be in flight on it (a
 * pipelining peer that takes a fixed time to answer).
 */
public final class NettyEchoServer implements AutoCloseable, PeerProcess.OpenConnections {

    private static final int BACKLOG = 128;
    private static final ChannelHandler ECHO = new Echo();

    private final EventLoopGroup group;
    private final Channel listener;
    private final AtomicInteger open = new AtomicInteger();

    private NettyEchoServer(int port, ServerTls tls, int delayMillis) throws Exception {
        ChannelHandler echo = delayMillis == 0 ? ECHO : new DelayedEcho(delayMillis);
        SslContext ssl = tls == null ? null
                : SslContextBuilder.forServer(tls.keyManagers()).sslProvider(SslProvider.JDK).build();
        group = NettyTransport.eventLoops(1);
        try {
            listener = new ServerBootstrap()
                    .group(group)
                    .channel(NettyTransport.serverSocketChannel())
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            open.incrementAndGet();
                            channel.closeFuture().addListener(closed -> open.decrementAndGet());
                            if (ssl != null) {
                                channel.pipeline().addLast(ssl.newHandler(channel.alloc()));
                            }
                            // the '\n' is kept so the frame goes back byte for byte
                            channel.pipeline()
                                    .addLast(new LineBasedFrameDecoder(PeerProcess.MAX_FRAME_BYTES, false, true), echo);
                        }
                    })
                    .bind("127.0.0.1", port).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** @param args see {@link PeerProcess} */
    public static void main(String[] args) {
        PeerProcess.run("NettyEchoServer", args, Set.of("delay-millis"), options -> {
            int delayMillis = options.optional("delay-millis") == null ? 0 : options.requiredInt("delay-millis", 0);
            return (port, tls) -> new NettyEchoServer(port, tls, delayMillis);
        });
    }

    @Override
    public int openConnections() {
        return open.get();
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Writes every frame back as it came; stateless, so one instance serves all connections. */
    @ChannelHandler.Sharable
    private static class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            ctx.writeAndFlush(frame, ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // an oversized frame, a failed handshake or a reset: that client's problem, the server goes on
            ctx.close();
        }
    }

    /**
     * Writes every frame back a fixed time after it came. The event loop runs tasks of equal delay in the order they
     * were scheduled, so replies keep the order of their requests.
     */
    @ChannelHandler.Sharable
    private static final class DelayedEcho extends Echo {

        private final long delayMillis;

        DelayedEcho(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            ctx.executor().schedule(() -> super.channelRead(ctx, frame), delayMillis, TimeUnit.MILLISECONDS);
        }
    }
}
