package io.github.tcpadapter.bench;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.outbound.TcpManagedConnection;
import io.github.tcpadapter.outbound.TcpManagedConnectionFactory;
import io.github.tcpadapter.tls.TestCertificates;
import io.github.tcpadapter.tls.TestCertificates.Identity;
import io.github.tcpadapter.tls.TlsEchoPeer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the outbound side costs per call on loopback: the look at a pooled socket when the pool lends it (the
 * adapter's non-blocking read, against the alternative of a read with a 1 ms timeout), and a request/reply
 * through a managed connection against the same exchange on a bare socket; then the same look and request/reply
 * over TLS (the JDK's default TLS 1.3 cipher suite, an EC P-256 certificate made for the run) against a TLS echo
 * peer. One caller at a time, so requests/s is 1 / the mean time of a call.
 */
public final class OutboundBenchmark {

    private static final int LOOKS = 50_000;
    private static final int TIMED_READ_LOOKS = 500;
    private static final int REQUESTS = 20_000;
    private static final int CONNECTS = 500;
    private static final byte[] REQUEST = "ping 0123456789".getBytes(StandardCharsets.UTF_8);

    private OutboundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread echo = new Thread(() -> echoEveryConnection(server), "bench-echo");
            echo.setDaemon(true);
            echo.start();
            TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
            factory.setHost("127.0.0.1");
            factory.setPort(server.getLocalPort());
            TcpManagedConnection managed = (TcpManagedConnection) factory.createManagedConnection(null, null);

            // each measure runs once to warm up the JIT, then once for the table
            checkoutNanos(managed, LOOKS);
            timedReadNanos(server, TIMED_READ_LOOKS / 5);
            requestNanos(managed, REQUESTS);
            bareRequestNanos(server, REQUESTS);

            System.out.println("| measure | per operation |");
            System.out.println("| --- | --- |");
            row("checkout look, non-blocking read (adapter)", checkoutNanos(managed, LOOKS));
            row("checkout look, read with 1 ms timeout (alternative)", timedReadNanos(server, TIMED_READ_LOOKS));
            long[] adapter = requestNanos(managed, REQUESTS);
            long[] bare = bareRequestNanos(server, REQUESTS);
            row("request/reply via managed connection, median", percentile(adapter, 50));
            row("request/reply via managed connection, 99th percentile", percentile(adapter, 99));
            row("request/reply on a bare socket, median", percentile(bare, 50));
            row("request/reply on a bare socket, 99th percentile", percentile(bare, 99));
            throughput("request/reply via managed connection", adapter);
            managed.destroy();
        }
        tls();
    }

    // the same looks and calls over TLS, against a TLS echo peer with a certificate made for the run
    private static void tls() throws Exception {
        Path stores = Files.createTempDirectory("outbound-bench");
        try {
            Identity authority = TestCertificates.authority("Bench CA");
            Path keys = authority.issue("localhost", "localhost", "127.0.0.1")
                    .writeKeyStore(stores.resolve("peer.p12"), "peer", "PKCS12");
            Path trust = TestCertificates.writeTrustStore(stores.resolve("trust.p12"), "PKCS12",
                    authority.certificate());
            try (TlsEchoPeer peer = new TlsEchoPeer(keys, null, false, TlsEchoPeer.Mode.ECHO)) {
                TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
                factory.setHost("127.0.0.1");
                factory.setPort(peer.port());
                factory.setSsl(true);
                factory.setTrustStore(trust.toString());
                factory.setTrustStorePassword(TestCertificates.PASSWORD);
                TcpManagedConnection managed = (TcpManagedConnection) factory.createManagedConnection(null, null);
                checkoutNanos(managed, LOOKS);
                requestNanos(managed, REQUESTS);
                connectNanos(factory, CONNECTS / 5);

                row("TLS: checkout look, non-blocking read and unwrap", checkoutNanos(managed, LOOKS));
                long[] tls = requestNanos(managed, REQUESTS);
                row("TLS: request/reply via managed connection, median", percentile(tls, 50));
                row("TLS: request/reply via managed connection, 99th percentile", percentile(tls, 99));
                throughput("TLS: request/reply via managed connection", tls);
                row("TLS: new connection, TCP connect and handshake", connectNanos(factory, CONNECTS));
                managed.destroy();
            }
        } finally {
            try (Stream<Path> files = Files.walk(stores)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    // average nanoseconds of opening a connection (TCP connect, TLS handshake) and closing it
    private static long connectNanos(TcpManagedConnectionFactory factory, int connects) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < connects; i++) {
            factory.createManagedConnection(null, null).destroy();
        }
        return (System.nanoTime() - start) / connects;
    }

    private static void throughput(String measure, long[] nanos) {
        long total = 0;
        for (long n : nanos) {
            total += n;
        }
        System.out.printf("| %s, one caller | %,.0f requests/s |%n", measure, nanos.length * 1e9 / total);
    }

    private static void row(String measure, long nanos) {
        System.out.printf("| %s | %.1f µs |%n", measure, nanos / 1_000.0);
    }

    // average nanoseconds of taking a handle from an idle connection (the look included) and closing it
    private static long checkoutNanos(TcpManagedConnection managed, int looks) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < looks; i++) {
            ((TcpConnection) managed.getConnection(null, null)).close();
            managed.cleanup();
        }
        return (System.nanoTime() - start) / looks;
    }

    private static long timedReadNanos(ServerSocket server, int looks) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            for (int i = 0; i < looks; i++) {
                try {
                    in.read();
                } catch (SocketTimeoutException idle) {
                    // the healthy case: nothing arrived
                }
            }
            return (System.nanoTime() - start) / looks;
        }
    }

    private static long[] requestNanos(TcpManagedConnection managed, int requests) throws Exception {
        long[] nanos = new long[requests];
        TcpConnection connection = (TcpConnection) managed.getConnection(null, null);
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            connection.request(REQUEST);
            nanos[i] = System.nanoTime() - start;
        }
        connection.close();
        return nanos;
    }

    private static long[] bareRequestNanos(ServerSocket server, int requests) throws IOException {
        long[] nanos = new long[requests];
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            byte[] line = Arrays.copyOf(REQUEST, REQUEST.length + 1);
            line[REQUEST.length] = '\n';
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                out.write(line);
                out.flush();
                in.readLine();
                nanos[i] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private static long percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }

    private static void echoEveryConnection(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                Thread worker = new Thread(() -> echo(client), "bench-echo-client");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void echo(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            OutputStream out = client.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the benchmark closed the connection
        }
    }
}
