package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.glassfish.internal.api.Globals;
import org.glassfish.internal.data.ApplicationRegistry;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The EAR that {@code mvn package} built, as a user deploys it, with the sample's ports moved to the test's own
 * through an {@code ejb-jar.xml}: the standard way to configure the beans per environment.
 */
final class SampleEar {

    static final String APPLICATION_NAME = "tcp-adapter";
    private static final String EJB_MODULE = "tcp-adapter-ejb-sample.jar";

    private SampleEar() {
    }

    /**
     * @param echoPort where the echo bean listens
     * @param gatewayPort where the gateway bean listens
     * @param backendPort the port the gateway's outbound connection factory calls on 127.0.0.1
     * @return the deployable EAR
     */
    static EnterpriseArchive withPorts(int echoPort, int gatewayPort, int backendPort) {
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, APPLICATION_NAME + ".ear")
                .importFrom(new File(System.getProperty("ear.file")))
                .as(EnterpriseArchive.class);
        JavaArchive ejb = ear.getAsType(JavaArchive.class, EJB_MODULE);
        ejb.addAsManifestResource(new StringAsset(ejbJarXml(echoPort, gatewayPort, backendPort)), "ejb-jar.xml");
        ear.delete(EJB_MODULE);
        ear.addAsModule(ejb);
        return ear;
    }

    /** Fails unless the server really deployed the application (the embedded container ignores failures). */
    static void assertDeployed() {
        assertThat(applications().get(APPLICATION_NAME)).as("application %s deployed", APPLICATION_NAME).isNotNull();
    }

    static void assertNotDeployed() {
        assertThat(applications().get(APPLICATION_NAME)).as("application %s deployed", APPLICATION_NAME).isNull();
    }

    private static ApplicationRegistry applications() {
        return Globals.getDefaultHabitat().getService(ApplicationRegistry.class);
    }

    private static String ejbJarXml(int echoPort, int gatewayPort, int backendPort) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/ejb-jar_4_0.xsd"
                         version="4.0">
                  <enterprise-beans>
                    <session>
                      <ejb-name>BackendClient</ejb-name>
                      <connection-factory>
                        <name>java:app/tcp/Backend</name>
                        <interface-name>io.github.tcpadapter.api.TcpConnectionFactory</interface-name>
                        <resource-adapter>#tcp-adapter-rar</resource-adapter>
                        <property><name>host</name><value>127.0.0.1</value></property>
                        <property><name>port</name><value>%d</value></property>
                      </connection-factory>
                    </session>
                %s%s  </enterprise-beans>
                </ejb-jar>
                """.formatted(backendPort, listenerOn("EchoListener", echoPort),
                        listenerOn("GatewayListener", gatewayPort));
    }

    private static String listenerOn(String ejbName, int port) {
        return """
                    <message-driven>
                      <ejb-name>%s</ejb-name>
                      <activation-config>
                        %s
                        %s
                      </activation-config>
                    </message-driven>
                """.formatted(ejbName, activationProperty("port", port),
                        activationProperty("bindAddress", "127.0.0.1"));
    }

    private static String activationProperty(String name, Object value) {
        return "<activation-config-property><activation-config-property-name>" + name
                + "</activation-config-property-name><activation-config-property-value>" + value
                + "</activation-config-property-value></activation-config-property>";
    }
}
