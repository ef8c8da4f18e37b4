package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool that the administrator declares, with connection validation on, instead of the application's
 * {@code @ConnectionFactoryDefinition}: Payara's {@code glassfish-resources.xml} in the EAR, WildFly's
 * resource-adapters subsystem ({@link TestServer#addServerPool}). The sample's BackendClient is pointed at it by a
 * {@code resource-ref} in {@code ejb-jar.xml}, whose {@code lookup-name} replaces the {@code @Resource(lookup = ...)}
 * of the bean; Payara 7 keeps the annotation's instead ({@link TestServer#descriptorLookupReplacesAnnotation}). No
 * {@code @Deployment}: the EAR is deployed after the pool is defined and undeployed before it is removed.
 */
@ExtendWith(ArquillianExtension.class)
class OutboundResourcesIT {

    @RegisterExtension
    static final RestartablePeer peer = new RestartablePeer(0);

    @TempDir
    Path archives;

    @Test
    void theServersPoolServesCallsAndSurvivesAPeerRestart() throws Exception {
        peer.start();
        int gatewayPort = FreePort.next();
        // the annotation's factory keeps a port nobody listens on: only the server's pool can answer
        int annotationPort = FreePort.next();
        SampleEar.Builder ear = SampleEar.builder(FreePort.next(), gatewayPort, annotationPort);
        TestServer server = TestServer.current();
        server.addServerPool(ear, peer.port());
        try {
            File file = archives.resolve(SampleEar.APPLICATION_NAME + ".ear").toFile();
            ear.build().as(ZipExporter.class).exportTo(file, true);
            server.deploy(file, SampleEar.APPLICATION_NAME);
            try {
                SampleEar.assertDeployed();
                if (server.descriptorLookupReplacesAnnotation()) {
                    callsSurviveAPeerRestart(gatewayPort);
                } else {
                    try (LineClient client = new LineClient(gatewayPort)) {
                        assertThat(client.request("configured by the server")).as("the annotation's factory answers")
                                .startsWith("error: Cannot connect to 127.0.0.1:" + annotationPort);
                    }
                }
            } finally {
                server.undeploy(SampleEar.APPLICATION_NAME);
            }
        } finally {
            server.removeServerPool();
        }
    }

    private static void callsSurviveAPeerRestart(int gatewayPort) throws Exception {
        try (LineClient client = new LineClient(gatewayPort)) {
            assertThat(client.request("configured by the server")).isEqualTo("backend: echo: configured by the server");

            peer.stop();
            peer.start();

            for (int i = 0; i < 10; i++) {
                assertThat(client.request("after restart " + i)).isEqualTo("backend: echo: after restart " + i);
            }
            assertThat(peer.answered()).isEqualTo(11);
        }
    }
}
