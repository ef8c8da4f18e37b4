package io.github.tcpadapter.bench.peers;

import io.github.tcpadapter.bench.load.Args;
import io.github.tcpadapter.bench.load.Result;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.ip.tcp.connection.CachingClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.outbound.TcpOutboundGateway;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

/**
 * Spring Integration's outbound side under closed-loop load: C platform-thread callers, each sending a LINE frame
 * through a {@link TcpOutboundGateway} and waiting for its echo, over a {@link CachingClientConnectionFactory} of C
 * connections to an echo server on 127.0.0.1. It prints the same JSON line as the load generator
 * ({@link Result#toJson()}, {@code connections} being the callers).
 *
 * <pre>
 * SpringOutboundClient --port P --callers C --bytes B --seconds S --warmup W [--prewarm P]
 * </pre>
 *
 * <p>{@code --prewarm P}: the callers run P s, unrecorded, before the warmup, in the same JVM and over the same
 * connections, so that this client, whose JVM lives for one cell, is as warm as the subjects whose JVMs outlive
 * the run's warm-up cell of that length.
 *
 * <p>Connections open on the callers' first calls, in the warmup. Every call is bounded by a 10 s reply timeout.
 * Exit code 0 with the JSON line; 1 with a message on stderr if a call fails or times out (a refused or stalled
 * server); 2 on a bad command line. A reply that differs from the request counts as an error.
 */
public final class SpringOutboundClient {

    private static final String USAGE =
            "usage: SpringOutboundClient --port P --callers C --bytes B --seconds S --warmup W [--prewarm P]";
    private static final int REPLY_TIMEOUT_MILLIS = 10_000;
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** Slack over warmup + measured window for the callers to finish their last, bounded, call. */
    private static final long END_SLACK_NANOS = TimeUnit.SECONDS.toNanos(REPLY_TIMEOUT_MILLIS / 1_000 + 5);

    private final Settings settings;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private SpringOutboundClient(Settings settings) {
        this.settings = settings;
    }

    /** @param args see the class comment */
    public static void main(String[] args) {
        SpringLogging.warningsOnly();
        Settings settings;
        try {
            Args parsed = Args.parse(args, Set.of("port", "callers", "bytes", "seconds", "warmup", "prewarm"),
                    Set.of());
            settings = new Settings(parsed.requiredInt("port", 1), parsed.requiredInt("callers", 1),
                    parsed.requiredInt("bytes", 2), parsed.requiredInt("seconds", 1), parsed.requiredInt("warmup", 0),
                    parsed.optional("prewarm") == null ? 0 : parsed.requiredInt("prewarm", 0));
        } catch (IllegalArgumentException e) {
            System.err.println("SpringOutboundClient: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        try {
            System.out.println(new SpringOutboundClient(settings).run().toJson());
            System.exit(0);
        } catch (TimeoutException | RuntimeException e) {
            System.err.println("SpringOutboundClient: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    private Result run() throws InterruptedException, TimeoutException {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(Settings.class, () -> settings);
            context.register(Wiring.class);
            context.refresh();
            MessageChannel toServer = context.getBean("toServer", MessageChannel.class);
            MessagingTemplate template = new MessagingTemplate();
            template.setReceiveTimeout(REPLY_TIMEOUT_MILLIS);
            if (settings.prewarm() > 0) {
                measure(template, toServer, 0, settings.prewarm()); // as warm as the subjects whose JVMs outlive a cell
            }
            return measure(template, toServer, settings.warmup(), settings.seconds());
        }
    }

    /** Runs the callers through {@code warmup} s and a window of {@code seconds}, and returns the window's figures. */
    private Result measure(MessagingTemplate template, MessageChannel toServer, int warmup, int seconds)
            throws InterruptedException, TimeoutException {
        long windowStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(seconds);
        List<Caller> callers = new ArrayList<>(settings.callers());
        List<Thread> threads = new ArrayList<>(settings.callers());
        for (int i = 0; i < settings.callers(); i++) {
            Caller caller = new Caller(template, toServer, windowStart, windowEnd);
            callers.add(caller);
            Thread thread = new Thread(caller, "caller-" + (i + 1));
            thread.setDaemon(true); // one stuck past every bound must not keep the JVM alive
            threads.add(thread);
            thread.start();
        }
        long deadline = windowEnd + END_SLACK_NANOS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new TimeoutException(thread.getName() + " did not end in time");
            }
        }
        if (failure.get() != null) {
            Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure.get());
            throw new IllegalStateException("a call failed: " + cause, failure.get());
        }
        Histogram latencies = Result.newHistogram();
        long errors = 0;
        long outstanding = 0;
        long silent = 0;
        for (Caller caller : callers) {
            latencies.add(caller.latencies);
            errors += caller.errors;
            outstanding += caller.outstandingAtEnd ? 1 : 0;
            silent += caller.latencies.getTotalCount() == 0 ? 1 : 0;
        }
        return new Result(latencies, seconds, errors, settings.callers(), outstanding, silent);
    }

    /** One closed-loop caller: a request, its reply, the next request, until the window ends or a call fails. */
    private final class Caller implements Runnable {

        private final MessagingTemplate template;
        private final MessageChannel toServer;
        private final long windowStart;
        private final long windowEnd;
        private final byte[] payload;
        private final Message<byte[]> request;
        /** Read by the main thread only after this caller's thread has ended. */
        private final Histogram latencies = Result.newHistogram();
        private long errors;
        private boolean outstandingAtEnd;

        Caller(MessagingTemplate template, MessageChannel toServer, long windowStart, long windowEnd) {
            this.template = template;
            this.toServer = toServer;
            this.windowStart = windowStart;
            this.windowEnd = windowEnd;
            this.payload = payload(settings.bytes() - 1);
            this.request = new GenericMessage<>(payload);
        }

        @Override
        public void run() {
            try {
                long sent = System.nanoTime();
                for (; sent < windowEnd && failure.get() == null; sent = System.nanoTime()) {
                    Message<?> reply = template.sendAndReceive(toServer, request);
                    long received = System.nanoTime();
                    outstandingAtEnd = received >= windowEnd;
                    if (reply == null) {
                        failure.compareAndSet(null, new TimeoutException("no reply for 10 s: the server is stalled"));
                    } else if (!(reply.getPayload() instanceof byte[] echoed) || !Arrays.equals(echoed, payload)) {
                        errors++;
                    } else if (sent >= windowStart && received < windowEnd) {
                        latencies.recordValue((received - sent) / 1_000);
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** @return {@code length} printable ASCII bytes; the serializer adds the {@code '\n'} */
    private static byte[] payload(int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        return payload;
    }

    /**
     * What the command line decides.
     *
     * @param port the echo server's port on 127.0.0.1
     * @param callers the concurrent callers, and connections
     * @param bytes the frame size, {@code '\n'} included
     * @param seconds the measured window
     * @param warmup the unmeasured load before it
     * @param prewarm the seconds of unrecorded load before the warmup, 0 for none
     */
    record Settings(int port, int callers, int bytes, int seconds, int warmup, int prewarm) {
    }

    /** The integration flow: channel {@code toServer}, outbound gateway, caching client connection factory. */
    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class Wiring {

        @Bean
        TcpNetClientConnectionFactory targetConnectionFactory(Settings settings) {
            TcpNetClientConnectionFactory factory = new TcpNetClientConnectionFactory("127.0.0.1", settings.port());
            factory.setSoTcpNoDelay(true);
            factory.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
            ByteArrayLfSerializer lines = new ByteArrayLfSerializer();
            lines.setMaxMessageSize(Math.max(settings.bytes(), ByteArrayLfSerializer.DEFAULT_MAX_MESSAGE_SIZE));
            factory.setSerializer(lines);
            factory.setDeserializer(lines);
            return factory;
        }

        @Bean
        CachingClientConnectionFactory connectionFactory(TcpNetClientConnectionFactory targetConnectionFactory,
                Settings settings) {
            CachingClientConnectionFactory pool =
                    new CachingClientConnectionFactory(targetConnectionFactory, settings.callers());
            pool.setConnectionWaitTimeout(REPLY_TIMEOUT_MILLIS);
            return pool;
        }

        @Bean
        @ServiceActivator(inputChannel = "toServer")
        TcpOutboundGateway outboundGateway(CachingClientConnectionFactory connectionFactory) {
            TcpOutboundGateway gateway = new TcpOutboundGateway();
            gateway.setConnectionFactory(connectionFactory);
            gateway.setRemoteTimeout(REPLY_TIMEOUT_MILLIS);
            gateway.setRequestTimeout(REPLY_TIMEOUT_MILLIS);
            return gateway;
        }
    }
}
