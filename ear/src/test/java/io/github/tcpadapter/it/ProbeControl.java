package io.github.tcpadapter.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Where the probe beans of a server in a JVM of its own report their frames ({@code ProbeReport} in
 * {@code src/probe/java}): one line per connection, answered once the current {@link ProbeLog} returns from it, so
 * that a test can hold a bean there as it holds it in the log handler of an embedded server. One per test JVM,
 * started when a deployment first needs it; a report with no log installed is answered at once.
 */
final class ProbeControl {

    private static final int READ_MILLIS = 10_000;
    private static ProbeControl started;

    private final ServerSocket server;
    // a thread per report: as many as beans the server runs at once, each waiting while its bean is held
    private final ExecutorService reports = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "probe-report");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Consumer<String> receiver = line -> { };

    private ProbeControl() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "probe-control");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the control of this JVM, started if it was not */
    static synchronized ProbeControl get() {
        if (started == null) {
            try {
                started = new ProbeControl();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the probe control", e);
            }
        }
        return started;
    }

    /** @return {@code host:port}, for the probe beans' environment entry {@code probeControl} */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** @param receiver takes each report, and may hold it; {@code null} to answer every report at once */
    void receiver(Consumer<String> receiver) {
        this.receiver = receiver == null ? line -> { } : receiver;
    }

    private void accept() {
        while (true) {
            try {
                Socket report = server.accept();
                reports.execute(() -> answer(report));
            } catch (IOException e) {
                return; // the JVM ends: the socket is never closed otherwise
            }
        }
    }

    private void answer(Socket report) {
        try (report) {
            report.setSoTimeout(READ_MILLIS);
            String line = new BufferedReader(new InputStreamReader(report.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            if (line != null) {
                receiver.accept(line);
                report.getOutputStream().write('\n');
            }
        } catch (IOException e) {
            // the bean fails its frame: the test sees that
        }
    }
}
