package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpConnection;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The connection factory's properties: checks, equality, and what they do to the sockets. */
class FactoryPropertiesTest extends OutboundTestBase {

    // one change per property, each to a valid value other than the default
    private static final Map<String, Consumer<TcpManagedConnectionFactory>> CHANGES = Map.ofEntries(
            Map.entry("host", f -> f.setHost("127.0.0.1,localhost")),
            Map.entry("port", f -> f.setPort(4001)),
            Map.entry("connectTimeoutMillis", f -> f.setConnectTimeoutMillis(1_001)),
            Map.entry("readTimeoutMillis", f -> f.setReadTimeoutMillis(2_001)),
            Map.entry("writeTimeoutMillis", f -> f.setWriteTimeoutMillis(3_001)),
            Map.entry("loadBalance", f -> f.setLoadBalance(true)),
            Map.entry("retryIntervalMillis", f -> f.setRetryIntervalMillis(1)),
            Map.entry("keepAlive", f -> f.setKeepAlive(true)),
            Map.entry("tcpNoDelay", f -> f.setTcpNoDelay(false)),
            Map.entry("sendBufferSize", f -> f.setSendBufferSize(4_096)),
            Map.entry("receiveBufferSize", f -> f.setReceiveBufferSize(4_096)),
            Map.entry("soLinger", f -> f.setSoLinger(0)),
            Map.entry("localAddress", f -> f.setLocalAddress("127.0.0.1")),
            Map.entry("maxFrameLength", f -> f.setMaxFrameLength(101)),
            Map.entry("charset", f -> f.setCharset("ISO-8859-1")),
            Map.entry("hostnameVerification", f -> f.setHostnameVerification(false)),
            Map.entry("ssl", f -> f.setSsl(true)),
            Map.entry("trustStore", f -> f.setTrustStore("/etc/trust.p12")),
            Map.entry("trustStorePassword", f -> f.setTrustStorePassword("other")),
            Map.entry("sslHandshakeTimeoutMillis", f -> f.setSslHandshakeTimeoutMillis(1)));

    @Test
    void factoriesAreEqualOnlyWithEveryPropertyEqual() {
        TcpManagedConnectionFactory a = configuredFactory();
        TcpManagedConnectionFactory b = configuredFactory();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(null).isNotEqualTo("127.0.0.1:4000");

        CHANGES.forEach((property, change) -> {
            TcpManagedConnectionFactory changed = configuredFactory();
            change.accept(changed);
            assertThat(changed).as(property).isNotEqualTo(a);
        });
    }

    // what Payara shows and documents as the default is what an unset property really is
    @Test
    void everyDeclaredDefaultIsTheInitialValue() throws Exception {
        TcpManagedConnectionFactory fresh = new TcpManagedConnectionFactory();
        int checked = 0;
        for (Class<?> type = TcpManagedConnectionFactory.class; type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                ConfigProperty property = field.getAnnotation(ConfigProperty.class);
                if (property != null) {
                    field.setAccessible(true);
                    Object initial = field.get(fresh);
                    assertThat(initial == null ? "" : String.valueOf(initial)).as(field.getName())
                            .isEqualTo(property.defaultValue());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        assertThat(fresh.getWriteTimeoutMillis()).isEqualTo(30_000);
    }

    @Test
    void factoryEqualityIgnoresLogWriterAndResourceAdapter() {
        TcpManagedConnectionFactory a = configuredFactory();
        TcpManagedConnectionFactory b = configuredFactory();
        b.setLogWriter(new PrintWriter(Writer.nullWriter()));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void connectionsAreMatchedOnlyToTheFactoryOfTheirTargets() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnection managed = managedConnection(managedFactoryFor(server));
        TcpManagedConnectionFactory failover = managedFactoryFor(server);
        failover.setHost(LOCALHOST + "," + LOCALHOST + ":1");
        TcpManagedConnectionFactory otherOptions = managedFactoryFor(server);
        otherOptions.setKeepAlive(true);

        assertThat(managedFactoryFor(server).matchManagedConnections(Set.of(managed), null, null)).isSameAs(managed);
        assertThat(failover.matchManagedConnections(Set.of(managed), null, null)).isNull();
        assertThat(otherOptions.matchManagedConnections(Set.of(managed), null, null)).isNull();
    }

    @Test
    void connectionsComeFromTheLocalAddress() throws Exception {
        LineServer server = server(LineServer.Behaviour.ECHO);
        TcpManagedConnectionFactory factory = managedFactoryFor(server);
        factory.setLocalAddress("127.0.0.2"); // any 127/8 address is local on Linux

        TcpConnection connection = connect(factory);

        assertThat(text(connection.request(bytes("from where?")))).isEqualTo("echo: from where?");
        assertThat(server.clientAddresses.poll(5, TimeUnit.SECONDS).getAddress())
                .isEqualTo(InetAddress.getByName("127.0.0.2"));
    }

    @Test
    void invalidValuesNameTheProperty() {
        assertInvalid(f -> f.setSendBufferSize(0), "sendBufferSize ('0')");
        assertInvalid(f -> f.setReceiveBufferSize(-1), "receiveBufferSize ('-1')");
        assertInvalid(f -> f.setSoLinger(-1), "soLinger ('-1')");
        assertInvalid(f -> f.setSoLinger(65_536), "soLinger ('65536')");
        assertInvalid(f -> f.setRetryIntervalMillis(-1), "retryIntervalMillis ('-1')");
        assertInvalid(f -> f.setConnectTimeoutMillis(0), "connectTimeoutMillis ('0')");
        assertInvalid(f -> f.setLocalAddress("no-such-host.invalid"), "localAddress ('no-such-host.invalid')");
        assertInvalid(f -> f.setHost("a:1,b"), "port (not set)");
        assertInvalid(f -> f.setHost("a:99999"), "host ('a:99999')");
        assertInvalid(f -> f.setHost(" "), "host (' ')");
        assertInvalid(f -> f.setHost("127.0.0.1"), "port (not set)");
        assertInvalid(f -> {
            f.setHost("127.0.0.1");
            f.setPort(0);
        }, "port ('0')");
        assertInvalid(f -> f.setReadTimeoutMillis(-1), "readTimeoutMillis ('-1')");
        assertInvalid(f -> f.setWriteTimeoutMillis(0), "writeTimeoutMillis ('0')");
        assertInvalid(f -> f.setWriteTimeoutMillis(null), "writeTimeoutMillis (not set)");
    }

    @Test
    void unsetOptionalPropertiesAreValid() throws Exception {
        TcpManagedConnectionFactory factory = configuredFactory();
        factory.setLocalAddress(" ");

        assertThat(factory.createConnectionFactory()).isNotNull();
    }

    private static void assertInvalid(Consumer<TcpManagedConnectionFactory> change, String named) {
        TcpManagedConnectionFactory factory = configuredFactory();
        factory.setPort(null);
        factory.setHost("127.0.0.1:4000");
        change.accept(factory);

        assertThatThrownBy(factory::createConnectionFactory)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("Invalid configuration property " + named);
    }

    private static TcpManagedConnectionFactory configuredFactory() {
        TcpManagedConnectionFactory factory = new TcpManagedConnectionFactory();
        factory.setHost(LOCALHOST);
        factory.setPort(4000);
        factory.setConnectTimeoutMillis(1_000);
        factory.setReadTimeoutMillis(2_000);
        factory.setMaxFrameLength(100);
        return factory;
    }
}
