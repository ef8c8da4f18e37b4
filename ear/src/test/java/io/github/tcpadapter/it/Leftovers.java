package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What a stopped listener might leave behind in the server's JVM: bound ports, threads, file descriptors. */
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
    static List<String> adapterThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith(LISTENER_THREAD_PREFIX)
                        || Arrays.stream(thread.getValue()).anyMatch(frame -> frame.getClassName().startsWith(NETTY)))
                .map(thread -> thread.getKey().getName())
                .sorted()
                .toList();
    }

    /**
     * @return each thread running a listener's delivery now, with its stack: what a test that finds one still
     *     running reports
     */
    static List<String> deliveryThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith(LISTENER_THREAD_PREFIX)
                        && thread.getKey().getName().contains("-delivery-"))
                .map(thread -> thread.getKey().getName() + Arrays.stream(thread.getValue())
                        .map(frame -> "\n\tat " + frame).collect(Collectors.joining()))
                .toList();
    }

    /** @return how many file descriptors this JVM, the embedded server's, has open (Linux) */
    static long openFileDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}
