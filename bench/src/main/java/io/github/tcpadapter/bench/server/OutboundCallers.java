package io.github.tcpadapter.bench.server;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Callers inside the server, each on a container thread, in a closed loop of request/reply for a fixed time. To the
 * outbound echo peer: through the pooled connection factory as a bean would use it (a connection taken and closed
 * per request), on one raw socket each (the limit), or on a new socket per request. To the delayed peer, over
 * {@link BenchPorts#DELAYED_PEER_SOCKETS} sockets: through the multiplexed factory ({@code requestAsync}, each
 * caller waiting for its stage, or the blocking {@code request}), through the pooled factory capped at that many
 * sockets, or through a {@link PipelinedClient} that all callers share (the limit).
 */
final class OutboundCallers {

    private static final int IO_TIMEOUT_MILLIS = 10_000;

    /** How a caller reaches the peer. */
    enum Mode { POOLED, POOLED_TLS, RAW, PER_REQUEST, MULTIPLEXED, MULTIPLEXED_BLOCKING, POOLED_CAPPED, PIPELINED }

    private final ThreadFactory threads;
    private final Map<Mode, TcpConnectionFactory> factories;

    /**
     * @param threads makes the callers' threads
     * @param factories the connection factory of each mode that uses one
     */
    OutboundCallers(ThreadFactory threads, Map<Mode, TcpConnectionFactory> factories) {
        this.threads = threads;
        this.factories = factories;
    }

    /**
     * @return the figures of {@code callers} callers that sent frames of {@code bytes} bytes (the line end
     *     included) for {@code millis} ms after {@code warmupMillis} ms
     */
    Cell run(Mode mode, int callers, int bytes, long warmupMillis, long millis)
            throws IOException, InterruptedException {
        try (PipelinedClient pipelined = mode == Mode.PIPELINED ? new PipelinedClient(threads,
                BenchPorts.DELAYED_PEER_SOCKETS, Integer.parseInt(BenchPorts.DELAYED_PEER), IO_TIMEOUT_MILLIS)
                : null) {
            return run(mode, pipelined, callers, bytes, warmupMillis, millis);
        }
    }

    private Cell run(Mode mode, PipelinedClient pipelined, int callers, int bytes, long warmupMillis, long millis)
            throws InterruptedException {
        byte[] payload = new byte[bytes - 1];
        Arrays.fill(payload, (byte) 'x');
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(warmupMillis);
        long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Caller> running = new ArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            Caller caller = new Caller(mode, pipelined, payload, start, end);
            running.add(caller);
            Thread thread = threads.newThread(caller);
            started.add(thread);
            thread.start();
        }
        Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(IO_TIMEOUT_MILLIS), 3);
        long errors = 0;
        long outstanding = 0;
        long silent = 0;
        for (int c = 0; c < callers; c++) {
            Thread thread = started.get(c);
            thread.join(warmupMillis + millis + 2L * IO_TIMEOUT_MILLIS);
            Caller caller = running.get(c);
            boolean stuck = thread.isAlive(); // in a call past every bound: its histogram is not read
            if (!stuck) {
                all.add(caller.latencies);
                errors += caller.errors;
            }
            outstanding += stuck || caller.outstandingAtEnd ? 1 : 0;
            silent += caller.answered ? 0 : 1;
        }
        return new Cell(all, millis / 1000.0, errors, callers, outstanding, silent);
    }

    private final class Caller implements Runnable {

        final Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(IO_TIMEOUT_MILLIS), 3);
        private final Mode mode;
        private final PipelinedClient pipelined;
        private final byte[] payload;
        private final byte[] frame;
        private final long start;
        private final long end;
        long errors;
        /** A call was still running when the window ended. */
        volatile boolean outstandingAtEnd;
        /** A call was answered in the window. */
        volatile boolean answered;

        Caller(Mode mode, PipelinedClient pipelined, byte[] payload, long start, long end) {
            this.mode = mode;
            this.pipelined = pipelined;
            this.payload = payload;
            this.frame = Arrays.copyOf(payload, payload.length + 1);
            this.frame[payload.length] = '\n';
            this.start = start;
            this.end = end;
        }

        @Override
        public void run() {
            try (RawLink raw = mode == Mode.RAW ? new RawLink() : null) {
                long now;
                while ((now = System.nanoTime()) < end) {
                    try {
                        call(raw);
                        long done = System.nanoTime();
                        if (now >= start) {
                            latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(done - now));
                            answered = true;
                        }
                        outstandingAtEnd = done >= end;
                    } catch (Exception e) {
                        errors++;
                        if (mode == Mode.RAW || mode == Mode.PIPELINED) {
                            return; // its socket is broken
                        }
                    }
                }
            } catch (IOException e) {
                errors++;
            }
        }

        private void call(RawLink raw) throws Exception {
            switch (mode) {
                case POOLED, POOLED_TLS, POOLED_CAPPED, MULTIPLEXED_BLOCKING -> request(factories.get(mode));
                case MULTIPLEXED -> requestAsync(factories.get(mode));
                case PIPELINED -> check(pipelined.request(frame, IO_TIMEOUT_MILLIS));
                case RAW -> raw.exchange(frame);
                case PER_REQUEST -> {
                    try (RawLink link = new RawLink()) {
                        link.exchange(frame);
                    }
                }
            }
        }

        private void request(TcpConnectionFactory factory) throws Exception {
            try (TcpConnection connection = factory.getConnection()) {
                check(connection.request(payload));
            }
        }

        // the handle goes back to the pool at once: closing it leaves the request in flight
        private void requestAsync(TcpConnectionFactory factory) throws Exception {
            CompletionStage<byte[]> reply;
            try (TcpConnection connection = factory.getConnection()) {
                reply = connection.requestAsync(payload, Duration.ofMillis(IO_TIMEOUT_MILLIS));
            }
            check(reply.toCompletableFuture().get(IO_TIMEOUT_MILLIS + 1_000L, TimeUnit.MILLISECONDS));
        }

        private void check(byte[] reply) throws IOException {
            if (reply.length != payload.length) {
                throw new IOException("a reply of " + reply.length + " bytes");
            }
        }
    }

    /** A plain socket to the peer, as hand-written code would keep one. */
    private static final class RawLink implements AutoCloseable {

        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;
        private final byte[] reply = new byte[8192];

        RawLink() throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(BenchPorts.OUTBOUND_PEER)),
                    IO_TIMEOUT_MILLIS);
            socket.setSoTimeout(IO_TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        void exchange(byte[] frame) throws IOException {
            out.write(frame);
            out.flush();
            // the echo is as long as the frame: read it whole, as hand-written code that knows its protocol would
            for (int read = 0; read < frame.length; ) {
                int n = in.read(reply, read, frame.length - read);
                if (n < 0) {
                    throw new IOException("closed by the peer");
                }
                read += n;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
