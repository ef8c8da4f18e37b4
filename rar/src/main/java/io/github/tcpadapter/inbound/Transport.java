package io.github.tcpadapter.inbound;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The I/O transport of a listener: Linux epoll when wanted and available, else Java NIO.
 *
 * @param name "epoll" or "nio", for the log
 * @param ioHandlers makes the event loop's I/O handler
 * @param serverChannel the server channel class that goes with them
 * @param clientChannel the channel class of a client-mode listener's connections
 */
record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel,
        Class<? extends Channel> clientChannel) {

    private static final Logger LOG = Logger.getLogger(Transport.class.getName());

    /**
     * @param nativeWanted the activation property {@code nativeTransport}
     * @return epoll if wanted and this platform has it, else NIO
     */
    static Transport choose(boolean nativeWanted) {
        if (nativeWanted) {
            if (Epoll.isAvailable()) {
                return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                        EpollSocketChannel.class);
            }
            LOG.fine(() -> "Native epoll transport unavailable, using NIO: " + Epoll.unavailabilityCause());
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioSocketChannel.class);
    }

    /**
     * @param count how many event loops
     * @param executor what starts each event loop's thread
     * @param atLoopEnd runs on each loop's thread after its last task
     * @return new event loops of this transport
     */
    ListenerLoops newEventLoops(int count, Executor executor, Runnable atLoopEnd) {
        return new ListenerLoops(count, executor, ioHandlers, atLoopEnd);
    }
}
