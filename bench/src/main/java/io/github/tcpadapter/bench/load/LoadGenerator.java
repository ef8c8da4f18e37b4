package io.github.tcpadapter.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Closed-loop LINE request/reply load over N connections to an echo server on 127.0.0.1: each connection sends a
 * frame, waits for the same frame back and sends it again. It prints one JSON line ({@link Result#toJson()}).
 *
 * <pre>
 * LoadGenerator --port P --connections N --bytes B --seconds S --warmup W [--tls]
 * </pre>
 *
 * <p>All connections share ONE event-loop thread: the server under test runs on the same 2-core machine, and a
 * generator that took both cores would measure its own contention rather than the server. One thread also keeps
 * the counters lock-free (see {@link Measurement}).
 *
 * <p>Exit code 0 with the JSON line; 1 with a message on stderr if a connection cannot be opened (all must be,
 * before the warmup starts), breaks, or waits 10 s for a reply (a stalled server); 2 on a bad command line.
 */
public final class LoadGenerator {

    private static final String USAGE =
            "usage: LoadGenerator --port P --connections N --bytes B --seconds S --warmup W [--tls]";
    private static final String HOST = "127.0.0.1";
    /** Connections opened together: stays below the servers' accept backlog of 128. */
    private static final int CONNECT_BATCH = 100;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Bound on opening one batch, TLS handshakes included (100 handshakes on one thread take well under it). */
    private static final long BATCH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Slack over warmup + measured window before the run is declared hung; the stall check fires well before. */
    private static final long END_SLACK_SECONDS = 15;
    private static final long LAST_REPLIES_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final int port;
    private final int connections;
    private final int bytes;
    private final int seconds;
    private final int warmup;
    private final SslContext tls;

    private LoadGenerator(Args args) throws SSLException {
        port = args.requiredInt("port", 1);
        connections = args.requiredInt("connections", 1);
        bytes = args.requiredInt("bytes", 2);
        seconds = args.requiredInt("seconds", 1);
        warmup = args.requiredInt("warmup", 0);
        tls = args.flag("tls") ? trustingTls13Client() : null;
    }

    /** @param args see the class comment */
    public static void main(String[] args) {
        LoadGenerator generator;
        try {
            generator = new LoadGenerator(
                    Args.parse(args, Set.of("port", "connections", "bytes", "seconds", "warmup"), Set.of("tls")));
        } catch (IllegalArgumentException | SSLException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            System.out.println(generator.run().toJson());
            System.exit(0);
        } catch (IOException | TimeoutException | ExecutionException | RuntimeException e) {
            System.err.println("LoadGenerator: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    /**
     * A TLS 1.3 client that trusts ANY server certificate and checks no host name. Benchmark only: it talks to
     * servers on 127.0.0.1 that use a throwaway or a Payara domain's self-signed certificate.
     */
    static SslContext trustingTls13Client() throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3")
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .endpointIdentificationAlgorithm(null)
                .build();
    }

    private Result run() throws IOException, InterruptedException, TimeoutException, ExecutionException {
        EventLoopGroup group = NettyTransport.eventLoops(1);
        ByteBuf frame = newFrame(bytes);
        List<Channel> channels = new ArrayList<>(connections);
        try {
            EventLoop loop = group.next();
            Promise<Result> outcome = loop.newPromise();
            Measurement measurement = new Measurement();
            List<EchoClientHandler> handlers = new ArrayList<>(connections);
            for (int i = 0; i < connections; i++) {
                handlers.add(new EchoClientHandler(frame, measurement, outcome));
            }
            openAll(group, handlers, channels);

            loop.execute(() -> handlers.forEach(EchoClientHandler::sendNext));
            loop.schedule(measurement::begin, warmup, TimeUnit.SECONDS);
            loop.schedule(() -> outcome.trySuccess(measurement.end(connections,
                    handlers.stream().filter(EchoClientHandler::awaitingReply).count(),
                    handlers.stream().filter(handler -> !handler.answeredInWindow()).count())),
                    warmup + seconds, TimeUnit.SECONDS);
            loop.scheduleAtFixedRate(() -> failIfStalled(handlers, outcome), 1, 1, TimeUnit.SECONDS);

            if (!outcome.await(warmup + seconds + END_SLACK_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException("the run did not end in time");
            }
            if (!outcome.isSuccess()) {
                throw new ExecutionException(describe(outcome.cause()), outcome.cause());
            }
            awaitLastReplies(loop, handlers);
            return outcome.getNow();
        } finally {
            closeAll(channels);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            frame.release();
        }
    }

    /** @return a request of {@code bytes}: {@code bytes - 1} printable ASCII characters, then {@code '\n'} */
    static ByteBuf newFrame(int bytes) {
        ByteBuf frame = Unpooled.directBuffer(bytes);
        for (int i = 0; i < bytes - 1; i++) {
            frame.writeByte('a' + i % 26);
        }
        return frame.writeByte('\n');
    }

    /**
     * Opens every connection, and completes its TLS handshake, before any load: in batches, each awaited, so
     * that the server's accept backlog is never overrun and a refused or silent server fails the run at once.
     */
    private void openAll(EventLoopGroup group, List<EchoClientHandler> handlers, List<Channel> channels)
            throws IOException, InterruptedException {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
        for (int first = 0; first < connections; first += CONNECT_BATCH) {
            long deadline = System.nanoTime() + BATCH_TIMEOUT_NANOS;
            int end = Math.min(first + CONNECT_BATCH, connections);
            List<ChannelFuture> connects = new ArrayList<>(end - first);
            for (int i = first; i < end; i++) {
                ChannelFuture connect = bootstrap.clone().handler(initializer(handlers.get(i))).connect(HOST, port);
                channels.add(connect.channel());
                connects.add(connect);
            }
            awaitAll(connects, first, deadline, "connect to " + HOST + ":" + port);
            if (tls != null) {
                List<Future<Channel>> handshakes = new ArrayList<>(connects.size());
                for (ChannelFuture connect : connects) {
                    handshakes.add(connect.channel().pipeline().get(SslHandler.class).handshakeFuture());
                }
                awaitAll(handshakes, first, deadline, "complete the TLS handshake with " + HOST + ":" + port);
            }
        }
    }

    private ChannelInitializer<SocketChannel> initializer(EchoClientHandler handler) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                if (tls != null) {
                    channel.pipeline().addLast(tls.newHandler(channel.alloc(), HOST, port));
                }
                // a reply longer than the request is dropped up to its '\n' and reported, not buffered
                channel.pipeline().addLast(new LineBasedFrameDecoder(bytes, true, false), handler);
            }
        };
    }

    private void awaitAll(List<? extends Future<?>> futures, int firstIndex, long deadlineNanos, String what)
            throws IOException, InterruptedException {
        for (int i = 0; i < futures.size(); i++) {
            Future<?> future = futures.get(i);
            String which = "connection " + (firstIndex + i + 1) + " of " + connections;
            if (!future.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IOException(which + " could not " + what + " in time");
            }
            if (!future.isSuccess()) {
                throw new IOException(which + " could not " + what + ": " + describe(future.cause()), future.cause());
            }
        }
    }

    private static void failIfStalled(List<EchoClientHandler> handlers, Promise<Result> outcome) {
        long now = System.nanoTime();
        for (int i = 0; i < handlers.size(); i++) {
            if (handlers.get(i).waitingNanos(now) > STALL_NANOS) {
                outcome.tryFailure(new TimeoutException(
                        "connection " + (i + 1) + " got no reply for 10 s: the server is stalled"));
                return;
            }
        }
    }

    /**
     * Lets the replies still on their way at the window's end arrive, bounded: a server then sees clean closes,
     * not connections gone while it writes a reply, which some (Spring's) log as errors.
     */
    private static void awaitLastReplies(EventLoop loop, List<EchoClientHandler> handlers)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + LAST_REPLIES_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline
                && loop.submit(() -> handlers.stream().anyMatch(EchoClientHandler::awaitingReply))
                        .get(1, TimeUnit.SECONDS)) {
            Thread.sleep(10);
        }
    }

    private static void closeAll(List<Channel> channels) throws InterruptedException {
        long deadline = System.nanoTime() + CLOSE_TIMEOUT_NANOS;
        List<ChannelFuture> closes = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            closes.add(channel.close());
        }
        for (ChannelFuture close : closes) {
            close.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
