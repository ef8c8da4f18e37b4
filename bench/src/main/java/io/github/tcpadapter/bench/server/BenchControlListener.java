package io.github.tcpadapter.bench.server;

import io.github.tcpadapter.api.TcpConnectionFactory;
import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSessions;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.ConnectionFactoryDefinitions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The run's handle inside the server, over the adapter itself: a line {@code outbound <mode> <callers> <bytes>
 * <warmupMillis> <millis>} runs the outbound callers ({@link OutboundCallers}) and answers their figures as JSON
 * (its errors as {@code {"error":...}} when the cell could not run);
 * {@code stats} answers the server's heap after a collection, its thread count and the NOT_SUPPORTED echo's open
 * sessions; {@code loopcpu <port>} answers the CPU time the listener's event-loop threads have used since they
 * started, and the frames it has received ({@code FramesIn} of its MBean).
 */
@ConnectionFactoryDefinitions({
    @ConnectionFactoryDefinition(name = "java:app/bench/Echo",
            interfaceName = "io.github.tcpadapter.api.TcpConnectionFactory", resourceAdapter = "#tcp-adapter-rar",
            maxPoolSize = 64, properties = {"host=127.0.0.1", "port=" + BenchPorts.OUTBOUND_PEER,
                "maxFrameLength=8192"}),
    @ConnectionFactoryDefinition(name = "java:app/bench/EchoTls",
            interfaceName = "io.github.tcpadapter.api.TcpConnectionFactory", resourceAdapter = "#tcp-adapter-rar",
            maxPoolSize = 64, properties = {"host=localhost", "port=" + BenchPorts.OUTBOUND_TLS_PEER,
                "maxFrameLength=8192", "ssl=true"}),
    // the delayed peer's: many requests in flight on 2 shared sockets, and the synchronous pool capped at 2 sockets,
    // its callers' wait for a socket bounded like their read. minPoolSize 0: unset, Payara's steady pool is 8, and
    // with it the pool lends 8 sockets whatever maxPoolSize says
    @ConnectionFactoryDefinition(name = "java:app/bench/DelayedMultiplexed",
            interfaceName = "io.github.tcpadapter.api.TcpConnectionFactory", resourceAdapter = "#tcp-adapter-rar",
            minPoolSize = 0, maxPoolSize = 64, properties = {"host=127.0.0.1", "port=" + BenchPorts.DELAYED_PEER,
                "readTimeoutMillis=10000", "correlation=IN_ORDER",
                "multiplexedConnections=" + BenchPorts.DELAYED_PEER_SOCKETS, "maxInFlight=64"}),
    @ConnectionFactoryDefinition(name = "java:app/bench/DelayedCapped",
            interfaceName = "io.github.tcpadapter.api.TcpConnectionFactory", resourceAdapter = "#tcp-adapter-rar",
            minPoolSize = 0, maxPoolSize = BenchPorts.DELAYED_PEER_SOCKETS, properties = {"host=127.0.0.1",
                "port=" + BenchPorts.DELAYED_PEER, "readTimeoutMillis=10000",
                "org.glassfish.connector-connection-pool.max-wait-time-in-millis=10000"})
})
@MessageDriven(messageListenerInterface = TcpMessageListener.class, activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = BenchPorts.CONTROL),
    @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "127.0.0.1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BenchControlListener implements TcpMessageListener {

    @Resource(lookup = "java:app/bench/Echo")
    private TcpConnectionFactory pooled;

    @Resource(lookup = "java:app/bench/EchoTls")
    private TcpConnectionFactory pooledTls;

    @Resource(lookup = "java:app/bench/DelayedMultiplexed")
    private TcpConnectionFactory multiplexed;

    @Resource(lookup = "java:app/bench/DelayedCapped")
    private TcpConnectionFactory capped;

    @Resource(lookup = "java:app/tcp/Sessions")
    private TcpSessions sessions;

    @Resource
    private ManagedThreadFactory threads;

    @Override
    public byte[] onMessage(TcpMessage message) {
        String[] words = message.text().trim().split(" ");
        try {
            String answer = switch (words[0]) {
                case "outbound" -> new OutboundCallers(threads, Map.of(OutboundCallers.Mode.POOLED, pooled,
                        OutboundCallers.Mode.POOLED_TLS, pooledTls, OutboundCallers.Mode.MULTIPLEXED, multiplexed,
                        OutboundCallers.Mode.MULTIPLEXED_BLOCKING, multiplexed, OutboundCallers.Mode.POOLED_CAPPED,
                        capped)).run(
                        OutboundCallers.Mode.valueOf(words[1].toUpperCase(Locale.ROOT).replace('-', '_')),
                        Integer.parseInt(words[2]), Integer.parseInt(words[3]), Long.parseLong(words[4]),
                        Long.parseLong(words[5])).toJson();
                case "stats" -> stats();
                case "loopcpu" -> loopCpu(words[1]);
                default -> "{\"error\":\"unknown command " + words[0] + "\"}";
            };
            return answer.getBytes(message.charset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "{\"error\":\"interrupted\"}".getBytes(message.charset());
        } catch (IOException e) {
            // the answer is one line of JSON
            String why = String.valueOf(e).replace('"', '\'').replace('\n', ' ');
            return ("{\"error\":\"" + why + "\"}").getBytes(message.charset());
        }
    }

    private static String loopCpu(String port) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String loop = "tcp-listener-" + port + "-io-";
        long cpuNanos = 0;
        int loops = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith(loop)) {
                cpuNanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
                loops++;
            }
        }
        return "{\"cpuNanos\":" + cpuNanos + ",\"loops\":" + loops + ",\"framesIn\":" + framesIn(port) + "}";
    }

    private static long framesIn(String port) throws IOException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            long frames = 0;
            for (ObjectName listener : server.queryNames(
                    new ObjectName("io.github.tcpadapter:type=Listener,port=" + port + ",*"), null)) {
                frames += (Long) server.getAttribute(listener, "FramesIn");
            }
            return frames;
        } catch (JMException e) {
            throw new IOException("no FramesIn for the listener on " + port, e);
        }
    }

    private String stats() {
        for (int i = 0; i < 3; i++) {
            System.gc(); // the heap the connections hold, not the garbage of the cells before
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threadCount = ManagementFactory.getThreadMXBean().getThreadCount();
        int open = sessions.openSessions(Integer.parseInt(BenchPorts.ECHO_NO_TX)).size();
        return "{\"heapUsedBytes\":" + heap + ",\"threads\":" + threadCount + ",\"sessions\":" + open + "}";
    }
}
