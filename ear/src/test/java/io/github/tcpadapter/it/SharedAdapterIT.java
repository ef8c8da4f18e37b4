package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two applications on one standalone RAR (deployed as {@link StandaloneRarIT} does), each with its listeners, its
 * sessions and its connection factory: the sample, and another application (a bean of {@code ear/src/probe/java}
 * whose resource definitions have names of their own). Undeploying the sample takes its MBeans away and leaves the
 * other's, whose sessions go on; deploying the sample again with another configuration of its factory registers
 * that under the factory's own name again, not a {@code #2} beside a leftover.
 */
@ExtendWith(ArquillianExtension.class)
class SharedAdapterIT {

    private static final String RAR_NAME = "tcp-adapter-rar";
    private static final String SAMPLE = "shared-sample";
    private static final String OTHER = "shared-other";
    private static final String OTHER_PACKAGE = "/io/github/tcpadapter/probe/other";

    @RegisterExtension
    static final RestartablePeer sampleBackend = new RestartablePeer(0);

    @RegisterExtension
    static final RestartablePeer otherBackend = new RestartablePeer(0);

    @TempDir
    Path archives;

    private final MBeanServerConnection mbeans = TestServer.current().mbeans();
    private final int echoPort = FreePort.next();
    private final int gatewayPort = FreePort.next();
    private final int chatPort = FreePort.next();
    private final int securePort = FreePort.next();
    private final int otherPort = FreePort.next();

    @Test
    void undeployingOneApplicationLeavesTheOthersMBeansAndSessions() throws Exception {
        sampleBackend.start();
        otherBackend.start();
        server().deploy(export(sample(5_000).getAsType(ResourceAdapterArchive.class, SampleEar.RAR_MODULE),
                RAR_NAME + ".rar"), RAR_NAME);
        try {
            server().assertDeployed(RAR_NAME);
            deploySample(5_000);
            boolean sampleDeployed = true;
            try {
                server().deploy(export(otherApplication(), OTHER + ".jar"), OTHER);
                try (LineClient first = new LineClient(otherPort); LineClient second = new LineClient(otherPort)) {
                    assertThat(first.request("call hello")).isEqualTo("backend: echo: hello");
                    assertThat(second.request("sessions")).isEqualTo("sessions: 2");
                    callSampleBackend();
                    assertThat(mbeans.isRegistered(factoryMBean(sampleBackend))).isTrue();
                    assertThat(mbeans.isRegistered(factoryMBean(otherBackend))).isTrue();
                    assertThat(listenerMBeans(echoPort, gatewayPort, chatPort)).hasSize(3);
                    assertThat(listenerMBeans(otherPort)).hasSize(1);

                    server().undeploy(SAMPLE);
                    sampleDeployed = false;
                    assertThat(listenerMBeans(echoPort, gatewayPort, chatPort)).isEmpty();
                    assertThat(mbeans.isRegistered(factoryMBean(sampleBackend)))
                            .as("the undeployed application's factory MBean").isFalse();
                    assertThat(listenerMBeans(otherPort)).hasSize(1);
                    assertThat(mbeans.isRegistered(factoryMBean(otherBackend))).isTrue();
                    assertThat(first.request("sessions")).isEqualTo("sessions: 2");
                    assertThat(second.request("call still here")).isEqualTo("backend: echo: still here");

                    // the same peer with another configuration: its own name again
                    deploySample(6_000);
                    sampleDeployed = true;
                    callSampleBackend();
                    assertThat(SampleEar.pooledFactoryMBeans(mbeans))
                            .containsExactlyInAnyOrder(factoryMBean(sampleBackend), factoryMBean(otherBackend));
                } finally {
                    server().undeploy(OTHER);
                }
            } finally {
                if (sampleDeployed) {
                    server().undeploy(SAMPLE);
                }
            }
        } finally {
            server().undeploy(RAR_NAME);
        }
        assertThat(mbeans.queryNames(new ObjectName("io.github.tcpadapter:*"), null)).isEmpty();
        Leftovers.assertPortsFree(echoPort, gatewayPort, chatPort, securePort, otherPort);
    }

    private EnterpriseArchive sample(int readTimeoutMillis) {
        return SampleEar.builder(echoPort, gatewayPort, sampleBackend.port())
                .activation("ChatListener", "port", chatPort)
                .activation("SecureEchoListener", "port", securePort)
                .backend("readTimeoutMillis", readTimeoutMillis)
                .resourceAdapter(RAR_NAME)
                .build();
    }

    private void deploySample(int readTimeoutMillis) throws Exception {
        server().deploy(export(sample(readTimeoutMillis).getAsType(JavaArchive.class, SampleEar.EJB_MODULE),
                SAMPLE + ".jar"), SAMPLE);
        server().assertDeployed(SAMPLE);
    }

    /** Calls the sample's backend through its pool, which opens its connection factory's MBean on Payara. */
    private void callSampleBackend() throws Exception {
        try (LineClient gateway = new LineClient(gatewayPort)) {
            assertThat(gateway.request("hello")).isEqualTo("backend: echo: hello");
        }
    }

    /** The other application: its bean, its port, its peer, and the standalone RAR named for both servers. */
    private JavaArchive otherApplication() {
        JavaArchive jar = ShrinkWrap.create(ExplodedImporter.class, OTHER + ".jar")
                .importDirectory(new File(System.getProperty("probe.classes")),
                        path -> OTHER_PACKAGE.startsWith(path.get()) || path.get().startsWith(OTHER_PACKAGE))
                .as(JavaArchive.class);
        jar.addAsManifestResource(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0">
                  <enterprise-beans>
                    <message-driven>
                      <ejb-name>OtherListener</ejb-name>
                      <activation-config>
                        <activation-config-property>
                          <activation-config-property-name>bindAddress</activation-config-property-name>
                          <activation-config-property-value>127.0.0.1</activation-config-property-value>
                        </activation-config-property>
                        <activation-config-property>
                          <activation-config-property-name>port</activation-config-property-name>
                          <activation-config-property-value>%d</activation-config-property-value>
                        </activation-config-property>
                      </activation-config>
                      <connection-factory>
                        <name>java:app/tcp/OtherBackend</name>
                        <interface-name>io.github.tcpadapter.api.TcpConnectionFactory</interface-name>
                        <resource-adapter>%s</resource-adapter>
                        <property><name>host</name><value>127.0.0.1</value></property>
                        <property><name>port</name><value>%d</value></property>
                      </connection-factory>
                    </message-driven>
                  </enterprise-beans>
                </ejb-jar>
                """.formatted(otherPort, RAR_NAME, otherBackend.port())), "ejb-jar.xml");
        jar.addAsManifestResource(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE glassfish-ejb-jar PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN"
                    "http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd">
                <glassfish-ejb-jar>
                  <enterprise-beans>
                    <ejb>
                      <ejb-name>OtherListener</ejb-name>
                      <mdb-resource-adapter><resource-adapter-mid>%s</resource-adapter-mid></mdb-resource-adapter>
                    </ejb>
                  </enterprise-beans>
                </glassfish-ejb-jar>
                """.formatted(RAR_NAME)), "glassfish-ejb-jar.xml");
        jar.addAsManifestResource(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <jboss:ejb-jar xmlns:jboss="urn:jboss:domain:ejb3:1.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                               xmlns:mdb="urn:resource-adapter-binding" version="4.0">
                  <assembly-descriptor>
                    <mdb:resource-adapter-binding>
                      <ejb-name>*</ejb-name>
                      <mdb:resource-adapter-name>%s</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                  </assembly-descriptor>
                </jboss:ejb-jar>
                """.formatted(RAR_NAME)), "jboss-ejb3.xml");
        jar.setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment." + RAR_NAME + ".rar\n"));
        return jar;
    }

    private static ObjectName factoryMBean(RestartablePeer backend) throws Exception {
        return new ObjectName("io.github.tcpadapter:type=ConnectionFactory,name="
                + ObjectName.quote("127.0.0.1:" + backend.port()));
    }

    private Set<ObjectName> listenerMBeans(int... ports) throws Exception {
        Set<ObjectName> names = new HashSet<>();
        for (int port : ports) {
            names.addAll(mbeans.queryNames(new ObjectName("io.github.tcpadapter:type=Listener,port=" + port + ",*"),
                    null));
        }
        return names;
    }

    private File export(Archive<?> archive, String fileName) {
        File file = archives.resolve(fileName).toFile();
        archive.as(ZipExporter.class).exportTo(file, true);
        return file;
    }

    private static TestServer server() {
        return TestServer.current();
    }
}
