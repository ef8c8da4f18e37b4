package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other way to deploy: the RAR on its own, as {@code asadmin deploy --name tcp-adapter-rar} does, then the
 * sample's EJB jar on its own, both as the build put them in the EAR. The jar's descriptors name the adapter
 * {@code tcp-adapter-rar}, without the {@code #} that means "a module of this EAR" (see
 * {@link SampleEar.Builder#resourceAdapter}). No {@code @Deployment}: Arquillian only starts the server here.
 */
@ExtendWith(ArquillianExtension.class)
class StandaloneRarIT {

    private static final String RAR_NAME = "tcp-adapter-rar";
    private static final String EJB_NAME = "standalone-sample";

    @RegisterExtension
    static final RestartablePeer backend = new RestartablePeer(0);

    @TempDir
    Path archives;

    @Test
    void standaloneAdapterServesAStandaloneEjbJarInBothDirections() throws Exception {
        backend.start();
        int echoPort = FreePort.next();
        int gatewayPort = FreePort.next();
        int chatPort = FreePort.next();
        int securePort = FreePort.next();
        EnterpriseArchive ear = SampleEar.builder(echoPort, gatewayPort, backend.port())
                .activation("ChatListener", "port", chatPort)
                .activation("SecureEchoListener", "port", securePort)
                .resourceAdapter(RAR_NAME)
                .build();
        File rar = export(ear.getAsType(ResourceAdapterArchive.class, SampleEar.RAR_MODULE), RAR_NAME + ".rar");
        File ejb = export(ear.getAsType(JavaArchive.class, SampleEar.EJB_MODULE), EJB_NAME + ".jar");

        // straight to the server: two applications in order, under names of our own (see FramingIT)
        server().deploy(rar, RAR_NAME);
        try {
            assertDeployed(RAR_NAME);
            server().deploy(ejb, EJB_NAME);
            try {
                assertDeployed(EJB_NAME);
                try (LineClient echo = new LineClient(echoPort)) {
                    assertThat(echo.request("hello")).isEqualTo("ok: hello");
                }
                try (LineClient gateway = new LineClient(gatewayPort)) {
                    assertThat(gateway.request("hello")).isEqualTo("backend: echo: hello");
                }
                // the welcome comes only after the bean used its injected java:app/tcp/Sessions
                try (ChatClient chat = new ChatClient(chatPort)) {
                    assertThat(chat.say("hello")).isEqualTo("ok");
                }
            } finally {
                server().undeploy(EJB_NAME);
            }
        } finally {
            server().undeploy(RAR_NAME);
        }
        Leftovers.assertPortsFree(echoPort, gatewayPort, chatPort, securePort);
    }

    private File export(Archive<?> archive, String fileName) {
        File file = archives.resolve(fileName).toFile();
        archive.as(ZipExporter.class).exportTo(file, true);
        return file;
    }

    private static void assertDeployed(String name) {
        TestServer.current().assertDeployed(name);
    }

    private static TestServer server() {
        return TestServer.current();
    }
}
