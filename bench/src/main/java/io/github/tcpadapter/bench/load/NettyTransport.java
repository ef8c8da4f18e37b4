package io.github.tcpadapter.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The Netty transport of the bench's processes: native epoll where it loads (Linux), else NIO, as the adapter's
 * own listener chooses, so that no side of a comparison runs on a slower transport than the others.
 */
public final class NettyTransport {

    private static final boolean EPOLL = Epoll.isAvailable();

    private NettyTransport() {
    }

    /**
     * @param threads the number of event-loop threads
     * @return a new event-loop group of that many threads
     */
    public static EventLoopGroup eventLoops(int threads) {
        return new MultiThreadIoEventLoopGroup(threads,
                EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** @return the client socket channel class that matches {@link #eventLoops(int)} */
    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** @return the server socket channel class that matches {@link #eventLoops(int)} */
    public static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
