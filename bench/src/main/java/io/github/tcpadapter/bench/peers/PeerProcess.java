package io.github.tcpadapter.bench.peers;

import io.github.tcpadapter.bench.load.Args;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The process contract every echo server main follows, so that the orchestrator drives them all alike:
 *
 * <pre>
 * &lt;Server&gt; --port P [--tls KEYSTORE --password PW] [options of that server]
 * </pre>
 *
 * <p>It binds 127.0.0.1:P, prints exactly {@code ready} on stdout once bound, answers each line {@code stats} on
 * its stdin with one line of JSON on stdout (its used heap after three collections, its thread count and, from a
 * server that counts them, its open connections: {@code heapUsedBytes}, {@code threads}, {@code sessions}, the
 * last -1 if not counted), ignores any other line, and stops when its stdin reaches end of file (the orchestrator
 * closes it) or on SIGTERM. Exit code 0 after a stop; 1 with a message on stderr if
 * the server cannot start; 2 on a bad command line. Every server echoes frames of up to {@link #MAX_FRAME_BYTES}.
 */
final class PeerProcess {

    /** Longest frame, {@code '\n'} included, that every echo server takes; a longer one closes its connection. */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    /** Starts one kind of echo server. */
    @FunctionalInterface
    interface Starter {
        /**
         * @param port the port to bind on 127.0.0.1
         * @param tls the TLS identity to serve with, or null for plain TCP
         * @return the running server, bound when this returns; closing it stops it
         * @throws Exception if the server cannot start
         */
        AutoCloseable start(int port, ServerTls tls) throws Exception;
    }

    /** A server that counts its open connections, for the {@code stats} line. */
    interface OpenConnections {
        /** @return the connections open now */
        int openConnections();
    }

    private PeerProcess() {
    }

    /**
     * Runs a server by the contract, then exits the JVM.
     *
     * @param name the main's simple name, for messages
     * @param args the main's arguments
     * @param starter starts the server
     */
    static void run(String name, String[] args, Starter starter) {
        run(name, args, Set.of(), options -> starter);
    }

    /**
     * Runs a server that takes options of its own besides the contract's, then exits the JVM.
     *
     * @param name the main's simple name, for messages
     * @param args the main's arguments
     * @param moreOptions the names (without {@code --}) of the server's own options, each optional
     * @param starters reads the server's own options from the parsed command line and returns its starter; an
     *     {@link IllegalArgumentException} from it is a bad command line
     */
    static void run(String name, String[] args, Set<String> moreOptions, Function<Args, Starter> starters) {
        int port;
        ServerTls tls;
        Starter starter;
        try {
            Set<String> options = new HashSet<>(Set.of("port", "tls", "password"));
            options.addAll(moreOptions);
            Args parsed = Args.parse(args, options, Set.of());
            port = parsed.requiredInt("port", 1);
            tls = tls(parsed);
            starter = starters.apply(parsed);
        } catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.err.println("usage: " + name + " --port P [--tls KEYSTORE --password PW]"
                    + moreOptions.stream().map(option -> " [--" + option + " N]").sorted()
                            .reduce("", String::concat));
            System.exit(2);
            return;
        } catch (Exception e) {
            System.err.println(name + ": cannot read the key store: " + e);
            System.exit(1);
            return;
        }
        AutoCloseable server;
        try {
            server = starter.start(port, tls);
        } catch (Exception e) {
            System.err.println(name + ": cannot start on 127.0.0.1:" + port + ": " + e);
            System.exit(1);
            return;
        }
        Runnable stop = stopOnce(name, server);
        // SIGTERM runs shutdown hooks: the server closes its sockets there too
        Runtime.getRuntime().addShutdownHook(new Thread(stop, name + "-stop"));
        System.out.println("ready");
        System.out.flush();
        answerUntilEndOfInput(System.in, server);
        stop.run();
        System.exit(0);
    }

    private static ServerTls tls(Args args) throws Exception {
        String keyStore = args.optional("tls");
        String password = args.optional("password");
        if (keyStore == null && password == null) {
            return null;
        }
        if (keyStore == null || password == null) {
            throw new IllegalArgumentException("--tls and --password go together");
        }
        return ServerTls.load(new File(keyStore), password.toCharArray());
    }

    private static Runnable stopOnce(String name, AutoCloseable server) {
        AtomicBoolean stopped = new AtomicBoolean();
        return () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    server.close();
                } catch (Exception e) {
                    System.err.println(name + ": error while stopping: " + e);
                }
            }
        };
    }

    private static void answerUntilEndOfInput(InputStream in, AutoCloseable server) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.trim().equals("stats")) {
                    System.out.println(stats(server));
                    System.out.flush();
                }
            }
        } catch (IOException e) {
            // a broken stdin is as good as a closed one: the orchestrator is gone
        }
    }

    private static String stats(AutoCloseable server) {
        for (int i = 0; i < 3; i++) {
            System.gc(); // the heap the connections hold, not the garbage before them: as the adapter's side does
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        int sessions = server instanceof OpenConnections counted ? counted.openConnections() : -1;
        return "{\"heapUsedBytes\":" + heap + ",\"threads\":" + threads + ",\"sessions\":" + sessions + "}";
    }
}
