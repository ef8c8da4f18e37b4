package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a stopped listener might leave behind in the server's JVM: bound ports, threads, file descriptors; and its
 * heap. Read through the server's platform MXBeans ({@link TestServer#mbeans()}), so the same on a server in this
 * JVM and on one in its own.
 */
final class Leftovers {

    // while a server thread works for a listener it is named tcp-listener-<port>-{accept,io,delivery}-<n>
    private static final String LISTENER_THREAD_PREFIX = "tcp-listener-";
    private static final String NETTY = "io.netty.";

    private Leftovers() {
    }

    /** Fails unless every port can be bound again on 127.0.0.1. */
    static void assertPortsFree(int... ports) throws IOException {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.isBound()).as("port %d free", port).isTrue();
            }
        }
    }

    /**
     * @return the names of the live threads working for a listener (whichever deployment it belongs to) or running
     *     Netty code: a thread Netty started outside the work manager shows up too
     */
    static List<String> adapterThreads() throws IOException {
        return serverThreads()
                .filter(thread -> thread.getThreadName().startsWith(LISTENER_THREAD_PREFIX)
                        || Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getClassName().startsWith(NETTY)))
                .map(ThreadInfo::getThreadName)
                .sorted()
                .toList();
    }

    /**
     * @return each thread running a listener's delivery now, with its stack: what a test that finds one still
     *     running reports
     */
    static List<String> deliveryThreads() throws IOException {
        return serverThreads()
                .filter(thread -> thread.getThreadName().startsWith(LISTENER_THREAD_PREFIX)
                        && thread.getThreadName().contains("-delivery-"))
                .map(thread -> thread.getThreadName() + Arrays.stream(thread.getStackTrace())
                        .map(frame -> "\n\tat " + frame).collect(Collectors.joining()))
                .toList();
    }

    /** @return how many file descriptors the server's JVM has open (Unix) */
    static long openFileDescriptors() throws IOException {
        return serverMXBean(ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, UnixOperatingSystemMXBean.class)
                .getOpenFileDescriptorCount();
    }

    /** @return the heap the server's JVM uses after a full collection */
    static long usedHeapAfterGc() throws IOException {
        MemoryMXBean memory = serverMXBean(ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static Stream<ThreadInfo> serverThreads() throws IOException {
        return Arrays.stream(serverMXBean(ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class)
                .dumpAllThreads(false, false));
    }

    private static <T> T serverMXBean(String name, Class<T> type) throws IOException {
        return ManagementFactory.newPlatformMXBeanProxy(TestServer.current().mbeans(), name, type);
    }
}
