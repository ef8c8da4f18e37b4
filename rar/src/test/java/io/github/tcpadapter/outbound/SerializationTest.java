package io.github.tcpadapter.outbound;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.api.TcpConnection;
import io.github.tcpadapter.api.TcpConnectionFactory;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The factories are Serializable (JNDI may copy them): a copy must be configured, and work, like the original. */
class SerializationTest extends OutboundTestBase {

    // set by the server, not configuration: transient
    private static final Set<String> NOT_CONFIGURATION = Set.of("resourceAdapter", "logWriter");

    // before FramingProperties was Serializable, the copy came back with LINE / 65536 / UTF-8 and the defaults of
    // every other framing property
    @Test
    void aManagedConnectionFactoryCopyHasEveryPropertyOfTheOriginal() throws Exception {
        TcpManagedConnectionFactory original = everyPropertyChanged();
        original.setLogWriter(new PrintWriter(Writer.nullWriter()));

        TcpManagedConnectionFactory copy = roundTrip(original);

        TcpManagedConnectionFactory defaults = new TcpManagedConnectionFactory();
        List<PropertyDescriptor> properties = configurationProperties();
        assertThat(properties).hasSizeGreaterThan(20);
        for (PropertyDescriptor property : properties) {
            Object value = property.getReadMethod().invoke(original);
            assertThat(value).as("%s is changed by the test", property.getName())
                    .isNotEqualTo(property.getReadMethod().invoke(defaults));
            assertThat(property.getReadMethod().invoke(copy)).as(property.getName()).isEqualTo(value);
        }
        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
        assertThat(copy.getLogWriter()).isNull();
    }

    // before, the copy spoke LINE framing in UTF-8 to a peer expecting 2-byte length headers, and timed out
    @Test
    void aConnectionFactoryCopyGivesWorkingConnections() throws Exception {
        ExecutorService peer = Executors.newSingleThreadExecutor();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            peer.submit(() -> echoLengthPrefixed(server));
            TcpManagedConnectionFactory managed = new TcpManagedConnectionFactory();
            managed.setHost(LOCALHOST);
            managed.setPort(server.getLocalPort());
            managed.setReadTimeoutMillis(2_000);
            managed.setFraming("LENGTH_PREFIXED");
            managed.setLengthHeaderBytes(2);
            managed.setCharset("ISO-8859-1");

            TcpConnectionFactory copy = roundTrip((TcpConnectionFactory) managed.createConnectionFactory());

            try (TcpConnection connection = copy.getConnection()) {
                assertThat(connection.request("Grüße")).isEqualTo("Grüße");
                assertThat(connection.request("Grüße".getBytes(ISO_8859_1))).hasSize(5);
            }
            assertThat(copy.getMetaData().peer()).isEqualTo(LOCALHOST + ":" + server.getLocalPort());
        } finally {
            peer.shutdownNow();
        }
    }

    private static TcpManagedConnectionFactory everyPropertyChanged() {
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost("127.0.0.1,localhost:4001");
        factory.setPort(4000);
        factory.setConnectTimeoutMillis(1_001);
        factory.setReadTimeoutMillis(2_001);
        factory.setWriteTimeoutMillis(3_001);
        factory.setLoadBalance(true);
        factory.setRetryIntervalMillis(7);
        factory.setKeepAlive(true);
        factory.setTcpNoDelay(false);
        factory.setSendBufferSize(4_096);
        factory.setReceiveBufferSize(8_192);
        factory.setSoLinger(0);
        factory.setLocalAddress("127.0.0.1");
        factory.setCorrelation("IN_ORDER");
        factory.setMultiplexedConnections(3);
        factory.setMaxInFlight(5);
        factory.setListenerLinks(9100);
        factory.setHeartbeatIntervalMillis(30_000);
        factory.setHeartbeatFrame("ping");
        factory.setHeartbeatReplyTimeoutMillis(5_000);
        factory.setCorrelationFields("11,37,41");
        factory.setIso8583HeaderBytes(5);
        factory.setIso8583Bitmap("HEX");
        factory.setIso8583Encoding("BCD");
        factory.setCorrelationBytes("4,6");
        factory.setCorrelationPattern("id=(\\w+)");
        factory.setCorrelationReplyPattern("ref=(\\w+)");
        factory.setCorrelationClass("com.example.Keys");
        factory.setFraming("LENGTH_PREFIXED");
        factory.setMaxFrameLength(100);
        factory.setDelimiter("\\0");
        factory.setStartBytes("0x0B");
        factory.setEndBytes("0x1C0D");
        factory.setLengthHeaderBytes(2);
        factory.setLengthHeaderEncoding("ASCII");
        factory.setLengthIncludesHeader(true);
        factory.setFixedLength(10);
        factory.setRawUntilClose(true);
        factory.setCharset("ISO-8859-1");
        factory.setSsl(true);
        factory.setKeyStore("/etc/keys.p12");
        factory.setKeyStorePassword("key-secret");
        factory.setKeyStoreType("PKCS12");
        factory.setKeyAlias("client");
        factory.setTrustStore("/etc/trust.jks");
        factory.setTrustStorePassword("trust-secret");
        factory.setTrustStoreType("JKS");
        factory.setSslProtocols("TLSv1.3");
        factory.setCipherSuites("TLS_AES_128_GCM_SHA256");
        factory.setSslHandshakeTimeoutMillis(5_001);
        factory.setSslReloadIntervalMillis(60_000);
        factory.setHostnameVerification(false);
        return factory;
    }

    private static List<PropertyDescriptor> configurationProperties() throws Exception {
        return Arrays.stream(Introspector.getBeanInfo(TcpManagedConnectionFactory.class).getPropertyDescriptors())
                .filter(p -> p.getReadMethod() != null && p.getWriteMethod() != null)
                .filter(p -> !NOT_CONFIGURATION.contains(p.getName()))
                .toList();
    }

    // answers each frame with the same frame: a 2-byte big-endian length, then the payload
    private static Void echoLengthPrefixed(ServerSocket server) throws IOException {
        try (Socket client = server.accept()) {
            client.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            while (true) {
                byte[] payload = new byte[in.readUnsignedShort()];
                in.readFully(payload);
                out.writeShort(payload.length);
                out.write(payload);
                out.flush();
            }
        } catch (EOFException closed) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T object) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
