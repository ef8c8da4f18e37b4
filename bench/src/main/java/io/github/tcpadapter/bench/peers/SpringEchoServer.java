package io.github.tcpadapter.bench.peers;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.ip.tcp.inbound.TcpInboundGateway;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketFactorySupport;
import org.springframework.integration.ip.tcp.serializer.ByteArrayLfSerializer;
import org.springframework.messaging.MessageChannel;

/**
 * A LINE echo server in Spring Integration: a {@link TcpInboundGateway} whose request channel leads to a service
 * that returns the payload unchanged, in a plain Spring context (no Spring Boot). Process contract:
 * {@link PeerProcess}, TLS included.
 *
 * <p>Its connections come from a {@link TcpNetServerConnectionFactory} (a thread per connection that reads,
 * calls the service and writes the reply) rather than the NIO one: Spring's reference ("About Non-blocking I/O")
 * says non-NIO performs as well or better for a modest number of sockets and keeps each connection's messages in
 * order, while NIO hands every message to a pooled thread and is advised only for large numbers of connections.
 */
public final class SpringEchoServer implements AutoCloseable {

    private static final int BACKLOG = 128;
    private static final long LISTEN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

    private SpringEchoServer(int port, ServerTls tls) throws Exception {
        TcpSocketFactorySupport sockets;
        if (tls == null) {
            sockets = new DefaultTcpNetSocketFactorySupport();
        } else {
            SSLContext ssl = tls.sslContext();
            sockets = new DefaultTcpNetSSLSocketFactorySupport(() -> ssl);
        }
        context.registerBean(Settings.class, () -> new Settings(port, sockets));
        context.register(Wiring.class);
        context.refresh();
        awaitListening(context.getBean(TcpNetServerConnectionFactory.class), port);
    }

    /** @param args see {@link PeerProcess} */
    public static void main(String[] args) {
        SpringLogging.warningsOnly();
        PeerProcess.run("SpringEchoServer", args, SpringEchoServer::new);
    }

    @Override
    public void close() {
        context.close();
    }

    /** The factory binds on a thread of its own: wait, bounded, until it has, or report why not. */
    private void awaitListening(TcpNetServerConnectionFactory factory, int port) throws Exception {
        long deadline = System.nanoTime() + LISTEN_TIMEOUT_NANOS;
        while (!factory.isListening()) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IOException("not listening on 127.0.0.1:" + port + " after 10 s (see the errors above)");
            }
            Thread.sleep(10);
        }
    }

    /**
     * What the command line decides.
     *
     * @param port the port to bind on 127.0.0.1
     * @param sockets plain or TLS sockets
     */
    record Settings(int port, TcpSocketFactorySupport sockets) {
    }

    /** The integration flow: server connection factory, inbound gateway, request channel, echo service. */
    @Configuration(proxyBeanMethods = false)
    @EnableIntegration
    static class Wiring {

        @Bean
        TcpNetServerConnectionFactory serverConnectionFactory(Settings settings) {
            TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(settings.port());
            factory.setLocalAddress("127.0.0.1");
            // Spring's default backlog is 5: a batch of connections would be refused
            factory.setBacklog(BACKLOG);
            factory.setSoTcpNoDelay(true);
            factory.setTcpSocketFactorySupport(settings.sockets());
            ByteArrayLfSerializer lines = new ByteArrayLfSerializer();
            lines.setMaxMessageSize(PeerProcess.MAX_FRAME_BYTES);
            factory.setSerializer(lines);
            factory.setDeserializer(lines);
            return factory;
        }

        @Bean
        MessageChannel requests() {
            return new DirectChannel();
        }

        @Bean
        TcpInboundGateway inboundGateway(TcpNetServerConnectionFactory serverConnectionFactory) {
            TcpInboundGateway gateway = new TcpInboundGateway();
            gateway.setConnectionFactory(serverConnectionFactory);
            gateway.setRequestChannelName("requests");
            return gateway;
        }

        /**
         * @param payload a frame without its {@code '\n'}, which the serializer adds back
         * @return the same payload
         */
        @ServiceActivator(inputChannel = "requests")
        public byte[] echo(byte[] payload) {
            return payload;
        }
    }
}
