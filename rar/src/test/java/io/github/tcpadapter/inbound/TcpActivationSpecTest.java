package io.github.tcpadapter.inbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.inbound.admission.ListenerSecurity;
import io.github.tcpadapter.inbound.delivery.DeliveryMode;
import io.github.tcpadapter.inbound.delivery.OnError;
import io.github.tcpadapter.tls.ClientAuth;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TcpActivationSpecTest {

    private final TcpActivationSpec spec = new TcpActivationSpec();

    @Test
    void defaultsNeedOnlyAPort() throws Exception {
        spec.setPort(9000);

        ListenerSettings settings = spec.settings();

        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9000);
        assertThat(settings.backlog()).isEqualTo(128);
        assertThat(settings.maxConnections()).isEqualTo(10_000);
        assertThat(settings.maxConcurrency()).isZero();
        assertThat(settings.maxPendingFrames()).isEqualTo(16);
        assertThat(settings.idleTimeoutMillis()).isZero();
        assertThat(settings.onError()).isEqualTo(OnError.CLOSE);
        assertThat(settings.shutdownTimeoutMillis()).isEqualTo(10_000);
        assertThat(settings.nativeTransport()).isTrue();
        assertThat(settings.ioThreads()).isEqualTo(
                TcpActivationSpec.autoIoThreads(Runtime.getRuntime().availableProcessors()));
        assertThat(settings.delivery()).isEqualTo(DeliveryMode.HANDOFF);
        assertThat(settings.inlineMaxMillis()).isEqualTo(10);
    }

    @Test
    void theEventLoopsByDefaultFollowTheProcessorsUpToSixteen() {
        assertThat(TcpActivationSpec.autoIoThreads(1)).isEqualTo(1);
        assertThat(TcpActivationSpec.autoIoThreads(2)).isEqualTo(2);
        assertThat(TcpActivationSpec.autoIoThreads(16)).isEqualTo(16);
        assertThat(TcpActivationSpec.autoIoThreads(64)).isEqualTo(16);
    }

    @Test
    void aClientModeListenerHasOneEventLoop() throws Exception {
        spec.setPort(9000);
        spec.setConnectTo("127.0.0.1:9001");
        assertThat(spec.settings().ioThreads()).isEqualTo(1);

        spec.setIoThreads(2);
        assertThatThrownBy(spec::settings)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith("Invalid configuration property ioThreads ('2'): ")
                .hasMessageContaining("connectTo");
    }

    @Test
    void everyPropertyIsTakenAsSet() throws Exception {
        spec.setPort(9001);
        spec.setBindAddress(" 127.0.0.1 ");
        spec.setBacklog(5);
        spec.setMaxConnections(7);
        spec.setMaxConcurrency(3);
        spec.setMaxPendingFrames(1);
        spec.setIdleTimeoutMillis(250);
        spec.setMaxPendingBytes(4096);
        spec.setWriteTimeoutMillis(700);
        spec.setOnError("continue");
        spec.setShutdownTimeoutMillis(0);
        spec.setNativeTransport(false);
        spec.setSendBufferSize(8192);
        spec.setIoThreads(3);
        spec.setDelivery("inline");
        spec.setInlineMaxMillis(25);

        assertThat(spec.settings()).usingRecursiveComparison().ignoringFields("framing").isEqualTo(
                new ListenerSettings("127.0.0.1", 9001, null, UTF_8, 5, 7, 100, 3, 1, 4096, 250, 700,
                        OnError.CONTINUE, 0, false, 8192, 0, ListenerSecurity.NONE, null, null, 3,
                        DeliveryMode.INLINE, 25));
    }

    @Test
    void maxConnectionsPerAddressIsBoundedUnlessTheClientsAreListed() throws Exception {
        spec.setPort(9000);
        assertThat(spec.settings().maxConnectionsPerAddress()).isEqualTo(100);
        assertThat(spec.settings().toString()).contains("maxConnectionsPerAddress 100");

        spec.setAllowedClients("10.0.0.0/8");
        assertThat(spec.settings().maxConnectionsPerAddress()).isZero();
        assertThat(spec.settings().toString()).contains("maxConnectionsPerAddress unlimited");

        spec.setAllowedClients(null);
        spec.setMaxConnectionsPerAddress(0);
        assertThat(spec.settings().maxConnectionsPerAddress()).isZero();
        spec.setMaxConnectionsPerAddress(7);
        assertThat(spec.settings().maxConnectionsPerAddress()).isEqualTo(7);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("port", s -> s.setPort(0), "'0'"),
                bad("port", s -> s.setPort(null), "not set"),
                bad("bindAddress", s -> s.setBindAddress(" "), "' '"),
                bad("backlog", s -> s.setBacklog(0), "'0'"),
                bad("maxConnections", s -> s.setMaxConnections(-1), "'-1'"),
                bad("maxConnectionsPerAddress", s -> s.setMaxConnectionsPerAddress(-1), "'-1'"),
                bad("maxPendingBytes", s -> s.setMaxPendingBytes(0), "'0'"),
                bad("writeTimeoutMillis", s -> s.setWriteTimeoutMillis(0), "'0'"),
                bad("sendBufferSize", s -> s.setSendBufferSize(0), "'0'"),
                bad("receiveBufferSize", s -> s.setReceiveBufferSize(-5), "'-5'"),
                bad("maxConcurrency", s -> s.setMaxConcurrency(-1), "'-1'"),
                bad("maxPendingFrames", s -> s.setMaxPendingFrames(0), "'0'"),
                bad("idleTimeoutMillis", s -> s.setIdleTimeoutMillis(-5), "'-5'"),
                bad("onError", s -> s.setOnError("retry"), "'retry'"),
                bad("onError", s -> s.setOnError(null), "not set"),
                bad("shutdownTimeoutMillis", s -> s.setShutdownTimeoutMillis(-1), "'-1'"),
                bad("nativeTransport", s -> s.setNativeTransport(null), "not set"),
                bad("maxFrameLength", s -> s.setMaxFrameLength(0), "'0'"),
                bad("ioThreads", s -> s.setIoThreads(-1), "'-1'"),
                bad("ioThreads", s -> s.setIoThreads(257), "'257'"),
                bad("delivery", s -> s.setDelivery("direct"), "'direct'"),
                bad("inlineMaxMillis", s -> s.setInlineMaxMillis(0), "'0'"),
                bad("clientAuth", s -> s.setClientAuth("maybe"), "'maybe'"),
                bad("allowedClients", s -> s.setAllowedClients("10.0.0.0/8, clients.example.com"),
                        "'10.0.0.0/8, clients.example.com'"),
                bad("allowedClients", s -> s.setAllowedClients("10.0.0.0/33"), "'10.0.0.0/33'"),
                bad("allowedClients", s -> s.setAllowedClients("2001:db8::/129"), "'2001:db8::/129'"),
                bad("proxyProtocol", s -> s.setProxyProtocol("v2"), "'v2'"),
                bad("proxyTrustedAddresses", s -> s.setProxyProtocol("required"), "not set"),
                bad("proxyTrustedAddresses", s -> {
                    s.setProxyProtocol("OPTIONAL");
                    s.setProxyTrustedAddresses("balancer");
                }, "'balancer'"),
                bad("sslHandshakeTimeoutMillis", s -> s.setSslHandshakeTimeoutMillis(0), "'0'"),
                bad("maxConcurrentHandshakes", s -> s.setMaxConcurrentHandshakes(0), "'0'"),
                bad("sslReloadIntervalMillis", s -> {
                    s.setSsl(true);
                    s.setKeyStore("/keys.p12");
                    s.setSslReloadIntervalMillis(-1);
                }, "'-1'"),
                bad("sslProtocols", s -> {
                    s.setSsl(true);
                    s.setKeyStore("/keys.p12");
                    s.setSslProtocols(" , ");
                }, "' , '"));
    }

    private static Arguments bad(String property, Consumer<TcpActivationSpec> change, String shown) {
        return Arguments.of(property, change, shown);
    }

    @ParameterizedTest(name = "{0} = {2}")
    @MethodSource("badValues")
    void aBadValueIsRejectedNamingThePropertyAndTheValue(String property, Consumer<TcpActivationSpec> change,
            String shown) {
        spec.setPort(9000);
        change.accept(spec);

        assertThatThrownBy(spec::settings)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith("Invalid configuration property " + property + " (" + shown + "): ");
        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WANT", "NEED"})
    void clientCertificatesNeedAnExplicitTrustStore(String clientAuth) {
        spec.setPort(9000);
        spec.setSsl(true);
        spec.setKeyStore("/keys.p12");
        spec.setClientAuth(clientAuth);

        assertThatThrownBy(spec::settings)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageStartingWith("Invalid configuration property trustStore (not set): ")
                .hasMessageContaining("clientAuth=" + clientAuth)
                .hasMessageContaining("trustDefaultCertificateAuthorities=true");
    }

    @Test
    void theDefaultTrustStoreServesClientCertificatesOnlyWhenSaidSo() throws Exception {
        spec.setPort(9000);
        spec.setSsl(true);
        spec.setKeyStore("/keys.p12");
        spec.setClientAuth("NEED");
        spec.setTrustDefaultCertificateAuthorities(true);

        assertThat(spec.settings().security().toString()).contains("clientAuth NEED")
                .contains("trustDefaultCertificateAuthorities").contains("maxConcurrentHandshakes 4");
        spec.setClientAuth("NONE");
        spec.setTrustDefaultCertificateAuthorities(false);
        assertThat(spec.settings().security().clientAuth()).isEqualTo(ClientAuth.NONE);
    }

    @Test
    void onErrorNamesTheChoices() {
        spec.setPort(9000);
        spec.setOnError("retry");

        assertThatThrownBy(spec::settings).hasMessageEndingWith("must be one of [CLOSE, CONTINUE]");
    }
}
