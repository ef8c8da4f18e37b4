package io.github.tcpadapter.bench.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "The limit" of the multiplexed outbound group: a pipelined LINE client written by hand on Netty, as code that
 * knows its peer answers in order would be, with nothing else: a few sockets on one event loop, each request
 * written at once behind the others and paired with the oldest unanswered one. Callers on any thread share it and
 * wait for their reply; the reply completes their future on the event loop (one hand-off, where the adapter's
 * stages complete on a work of its own). NIO, as the adapter's multiplexed sockets, so the transport is the same.
 * The Netty classes are the adapter's (in its RAR, visible to the application's modules as its API is).
 */
final class PipelinedClient implements AutoCloseable {

    private static final long STOP_SECONDS = 5;

    private final EventLoopGroup loop;
    private final List<Link> links = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param threads makes the event loop's thread (a container thread, as the callers')
     * @param sockets how many sockets to open
     * @param port the peer's port on 127.0.0.1
     * @param timeoutMillis how long connecting may take
     */
    PipelinedClient(ThreadFactory threads, int sockets, int port, int timeoutMillis) throws IOException {
        loop = new MultiThreadIoEventLoopGroup(1, threads, NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, timeoutMillis);
            for (int i = 0; i < sockets; i++) {
                Link link = new Link();
                bootstrap.handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new LineBasedFrameDecoder(8192), link);
                    }
                });
                ChannelFuture connected = bootstrap.connect("127.0.0.1", port);
                if (!connected.awaitUninterruptibly(timeoutMillis + 1_000L) || !connected.isSuccess()) {
                    throw new IOException("cannot connect to 127.0.0.1:" + port + " within " + timeoutMillis + " ms",
                            connected.cause());
                }
                link.channel = connected.channel();
                links.add(link);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Sends a request on the next socket in turn and waits for its reply.
     *
     * @param frame the request, its line end included
     * @param timeoutMillis how long the reply may take; after that the socket is closed, as the replies that follow
     *     would answer the wrong requests
     * @return the reply's payload
     */
    byte[] request(byte[] frame, long timeoutMillis) throws IOException, InterruptedException {
        Link link = links.get(Math.floorMod(next.getAndIncrement(), links.size()));
        CompletableFuture<byte[]> reply = link.send(frame);
        try {
            return reply.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            link.channel.close();
            throw new IOException("no reply within " + timeoutMillis + " ms; the socket is closed", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(STOP_SECONDS, TimeUnit.SECONDS);
    }

    /** One socket and its requests awaiting replies, oldest first; the queue is touched on the event loop only. */
    private static final class Link extends SimpleChannelInboundHandler<ByteBuf> {

        private final Queue<CompletableFuture<byte[]>> waiting = new ArrayDeque<>();
        private volatile Channel channel;

        CompletableFuture<byte[]> send(byte[] frame) {
            CompletableFuture<byte[]> reply = new CompletableFuture<>();
            Channel open = channel;
            open.eventLoop().execute(() -> {
                if (!open.isActive()) {
                    reply.completeExceptionally(new IOException("the socket is closed"));
                    return;
                }
                waiting.add(reply);
                open.writeAndFlush(Unpooled.wrappedBuffer(frame), open.voidPromise());
            });
            return reply;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            CompletableFuture<byte[]> reply = waiting.poll();
            if (reply != null) {
                reply.complete(ByteBufUtil.getBytes(frame));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            IOException closed = new IOException("the peer closed the socket");
            for (CompletableFuture<byte[]> reply; (reply = waiting.poll()) != null; ) {
                reply.completeExceptionally(closed);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
