package io.github.tcpadapter.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every wire format in both directions, one deployment each: the echo bean listens in the format (inbound), and
 * the gateway bean, still on lines, calls a scripted backend through a connection factory in the format
 * (outbound). Requests and answers are 5 bytes, so that FIXED frames them with {@code fixedLength=5}.
 */
@ExtendWith(ArquillianExtension.class)
class FramingIT {

    private static final byte[] REQUEST = "hello".getBytes(US_ASCII);
    private static final byte[] ANSWER = "world".getBytes(US_ASCII);
    private static final String INVALID = "invalid-framing";

    @TempDir
    static Path archives;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = INVALID, managed = false, testable = false)
    static EnterpriseArchive invalid() {
        return SampleEar.builder(FreePort.next(), FreePort.next(), FreePort.next())
                .activation("EchoListener", "framing", "LENGTH_PREFIXED")
                .activation("EchoListener", "lengthHeaderBytes", 3)
                .build();
    }

    @Test
    void invalidFramingPropertyFailsTheDeployment() {
        try {
            // the embedded container may report the failure or only log it: either way nothing is deployed
            catchThrowable(() -> deployer.deploy(INVALID));
            SampleEar.assertNotDeployed();
        } finally {
            catchThrowable(() -> deployer.undeploy(INVALID));
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void bothDirectionsSpeakTheFormat(WireFormat format) throws Exception {
        int echoPort = FreePort.next();
        int gatewayPort = FreePort.next();
        try (ScriptedPeer backend = new ScriptedPeer(format.frame(REQUEST).length, format.frame(ANSWER),
                format.endsByClose())) {
            SampleEar.Builder ear = SampleEar.builder(echoPort, gatewayPort, backend.port());
            format.properties().forEach((property, value) -> {
                ear.activation("EchoListener", property, value);
                ear.backend(property, value);
            });
            deploy(ear.build(), format);
            try {
                SampleEar.assertDeployed();
                assertEchoInbound(format, echoPort);
                // one call: the scripted backend serves one connection, and a RAW until-close reply ends its connection
                try (LineClient gateway = new LineClient(gatewayPort)) {
                    assertThat(gateway.request("hello")).isEqualTo("backend: world");
                }
            } finally {
                TestServer.current().undeploy(SampleEar.APPLICATION_NAME);
            }
            // undeploying closed the pooled connection, so the backend has seen all the adapter sent
            assertThat(backend.received()).isEqualTo(format.frame(REQUEST));
        }
    }

    // Straight to the server rather than through Arquillian, which cannot hold a deployment per format: it keys
    // managed=false deployments on the archive's name, and undeploys by that name too
    private static void deploy(EnterpriseArchive ear, WireFormat format) throws Exception {
        File file = archives.resolve(format + ".ear").toFile();
        ear.as(ZipExporter.class).exportTo(file, true);
        TestServer.current().deploy(file, SampleEar.APPLICATION_NAME);
    }

    private static void assertEchoInbound(WireFormat format, int port) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setSoTimeout(15_000);
            client.getOutputStream().write(format.frame(REQUEST));
            if (format.endsByClose()) {
                client.shutdownOutput();
            }
            InputStream in = client.getInputStream();
            if (format == WireFormat.FIXED) {
                // The bean's reply "ok: hello" is 9 bytes, which fixedLength=5 cannot frame: the adapter refuses it,
                // logs why and closes the connection. That it closes while this client still sends shows the 5 bytes
                // were decoded into a frame and delivered; the outbound half checks FIXED's bytes exactly.
                assertThat(in.readAllBytes()).isEmpty();
                return;
            }
            byte[] expected = format.frame("ok: hello".getBytes(US_ASCII));
            assertThat(in.readNBytes(expected.length)).isEqualTo(expected);
            if (!client.isOutputShutdown()) {
                client.shutdownOutput();
            }
            assertThat(in.readAllBytes()).as("nothing after the reply").isEmpty();
        }
    }
}
