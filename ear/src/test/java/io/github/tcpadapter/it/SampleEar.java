package io.github.tcpadapter.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The EAR that {@code mvn package} built, as a user deploys it, with the sample's ports moved to the test's own
 * through an {@code ejb-jar.xml}: the standard way to configure the beans per environment.
 */
final class SampleEar {

    static final String APPLICATION_NAME = "tcp-adapter";
    static final String EJB_MODULE = "tcp-adapter-ejb-sample.jar";
    static final String RAR_MODULE = "tcp-adapter-rar.rar";
    /** The name of the RAR deployed on its own, which descriptors name without {@code #}. */
    static final String RAR_APPLICATION = "tcp-adapter-rar";
    /**
     * The connection factory that the console calls through and the sessions it watches: the sample's own
     * {@code java:app} names where the console is a module of the sample's EAR; where the server deploys no EAR
     * (Payara Micro) the console is an application of its own, so the sample defines these {@code java:global}
     * names too and the console is configured with them, as its context parameters allow. Not
     * {@code java:global/tcp/...}: in an application of one module Payara resolves {@code java:app/tcp/Backend} to
     * {@code java:global/tcp/Backend} first, where that exists (as a portable EJB name), and deploys that definition
     * again at each such lookup, recreating its pool under the callers in flight.
     */
    static final String CONSOLE_FACTORY = TestServer.current().deploysEars() ? "java:app/tcp/Backend"
            : "java:global/tcp-console/Backend";
    private static final String CONSOLE_SESSIONS = TestServer.current().deploysEars() ? "java:app/tcp/Sessions"
            : "java:global/tcp-console/Sessions";
    /** The test server's HTTP address (test-domain.xml), where the EAR's web modules are served. */
    static final String HTTP_HOST = "127.0.0.1:28080";
    // how the sample's annotations name the adapter: the RAR module of the same EAR
    private static final String EAR_RESOURCE_ADAPTER = "#tcp-adapter-rar";

    private SampleEar() {
    }

    /**
     * @param echoPort where the echo bean listens
     * @param gatewayPort where the gateway bean listens
     * @param backendPort the port the gateway's outbound connection factory calls on 127.0.0.1
     * @return the deployable EAR
     */
    static EnterpriseArchive withPorts(int echoPort, int gatewayPort, int backendPort) {
        return builder(echoPort, gatewayPort, backendPort).build();
    }

    /**
     * @param echoPort where the echo bean listens
     * @param gatewayPort where the gateway bean listens
     * @param backendPort the port the gateway's outbound connection factory calls on 127.0.0.1
     * @return a builder that can set more activation and connection factory properties; the chat, secure echo and
     *     asynchronous gateway beans listen on free ports unless their {@code port} is set, the asynchronous
     *     gateway's factory calls a port of its own unless {@link Builder#asyncBackendPort} is set, and the device
     *     bean connects to a free one
     */
    static Builder builder(int echoPort, int gatewayPort, int backendPort) {
        return new Builder()
                .activation("EchoListener", "port", echoPort)
                .activation("GatewayListener", "port", gatewayPort)
                .activation("AsyncGatewayListener", "port", FreePort.next())
                .activation("ChatListener", "port", FreePort.next())
                .activation("SecureEchoListener", "port", FreePort.next())
                // the client-mode DeviceListener: no device there, unless a test starts one (ReadinessIT)
                .activation("DeviceListener", "port", FreePort.next())
                .activation("DeviceListener", "connectTo", "127.0.0.1:" + FreePort.next())
                .backend("port", backendPort)
                .asyncBackendPort(FreePort.next());
    }

    /** Collects property overrides and writes them into the sample's {@code ejb-jar.xml}. */
    static final class Builder {

        private final Map<String, Map<String, Object>> activations = new LinkedHashMap<>();
        private final Map<String, Object> backend = new LinkedHashMap<>();
        private int asyncBackendPort;
        private final Map<String, Map<String, String>> envEntries = new LinkedHashMap<>();
        private final Map<String, BeanPool> beanPools = new LinkedHashMap<>();
        private final Map<String, StringBuilder> connectionFactories = new LinkedHashMap<>();
        private String backendPool = "";
        private String backendClientRefs = "";
        private String glassfishResources;
        private String resourceAdapter = TestServer.current().deploysEars() ? EAR_RESOURCE_ADAPTER : RAR_APPLICATION;
        private final Map<String, String> consoleParameters = new LinkedHashMap<>();

        private Builder() {
            backend.put("host", "127.0.0.1");
        }

        /** Sets an activation config property of one sample bean; every bean listens on 127.0.0.1. */
        Builder activation(String ejbName, String property, Object value) {
            activations.computeIfAbsent(ejbName, name -> new LinkedHashMap<>(Map.of("bindAddress", "127.0.0.1")))
                    .put(property, value);
            return this;
        }

        /** Sets a {@code String} environment entry of one bean, for its {@code @Resource(name = ...)}. */
        Builder envEntry(String ejbName, String name, String value) {
            envEntries.computeIfAbsent(ejbName, any -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /**
         * Defines a connection factory of the EAR's adapter in one bean's environment, as its annotation would: a pool
         * of up to 8 handles without transactions.
         *
         * @param ejbName the bean that defines it
         * @param jndiName its name, {@code java:app/...}
         * @param properties its properties
         */
        Builder connectionFactory(String ejbName, String jndiName, Map<String, Object> properties) {
            connectionFactories.computeIfAbsent(ejbName, any -> new StringBuilder()).append("""
                          <connection-factory>
                            <name>%s</name>
                            <interface-name>io.github.tcpadapter.api.TcpConnectionFactory</interface-name>
                            <resource-adapter>%s</resource-adapter>
                            <max-pool-size>8</max-pool-size>
                            <min-pool-size>0</min-pool-size>
                            <transaction-support>NoTransaction</transaction-support>
                    %s      </connection-factory>
                    """.formatted(xmlEscape(jndiName), xmlEscape(resourceAdapter),
                            properties(properties, "property", "name", "value")));
            return this;
        }

        /**
         * Sets the port on 127.0.0.1 that the asynchronous gateway's multiplexed factory
         * {@code java:app/tcp/BackendAsync} calls: by default one of its own, so that its MBean's name is not the
         * pooled factory's with a number (WildFly makes every factory at deployment, in any order).
         */
        Builder asyncBackendPort(int port) {
            asyncBackendPort = port;
            return this;
        }

        /** Sets a property of the gateway's outbound connection factory {@code java:app/tcp/Backend}. */
        Builder backend(String property, Object value) {
            backend.put(property, value);
            return this;
        }

        EnterpriseArchive build() {
            EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, APPLICATION_NAME + ".ear")
                    .importFrom(new File(System.getProperty("ear.file")))
                    .as(EnterpriseArchive.class);
            JavaArchive ejb = ear.getAsType(JavaArchive.class, EJB_MODULE);
            ejb.addAsManifestResource(new StringAsset(ejbJarXml()), "ejb-jar.xml");
            if (!beanPools.isEmpty() || standalone()) {
                ejb.addAsManifestResource(new StringAsset(glassfishEjbJarXml()), "glassfish-ejb-jar.xml");
                ejb.delete("META-INF/jboss-ejb3.xml");
                ejb.addAsManifestResource(new StringAsset(jbossEjb3Xml()), "jboss-ejb3.xml");
            }
            if (standalone()) {
                // WildFly does not show another deployment's classes by itself (Payara ignores the line)
                ejb.setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment." + resourceAdapter
                        + ".rar\n"));
            }
            ear.delete(EJB_MODULE);
            ear.addAsModule(ejb);
            if (glassfishResources != null) {
                ear.addAsManifestResource(new StringAsset(glassfishResources), "glassfish-resources.xml");
            }
            if (!TestServer.current().deploysEars()) {
                consoleParameters.putIfAbsent("io.github.tcpadapter.console.sessions", CONSOLE_SESSIONS);
                consoleParameters.putIfAbsent("io.github.tcpadapter.console.factories", CONSOLE_FACTORY);
            }
            if (!consoleParameters.isEmpty()) {
                setConsoleParameters(ear);
            }
            return ear;
        }

        /**
         * Sets a context parameter of the console that its {@code web.xml} declares, as a deployer does in the WAR's
         * descriptor.
         */
        Builder consoleParameter(String name, String value) {
            consoleParameters.put(name, value);
            return this;
        }

        private void setConsoleParameters(EnterpriseArchive ear) {
            String module = ear.getContent(Filters.include("/tcp-adapter-console[^/]*\\.war")).keySet().stream()
                    .map(path -> path.get().substring(1)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No console WAR in " + ear.toString(true)));
            WebArchive war = ear.getAsType(WebArchive.class, module);
            String webXml;
            try (InputStream in = war.get("WEB-INF/web.xml").getAsset().openStream()) {
                webXml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Map.Entry<String, String> parameter : consoleParameters.entrySet()) {
                Matcher declared = Pattern.compile("(<param-name>" + Pattern.quote(parameter.getKey())
                        + "</param-name>\\s*<param-value>)[^<]*(</param-value>)").matcher(webXml);
                if (!declared.find()) {
                    throw new IllegalStateException("The console's web.xml declares no " + parameter.getKey());
                }
                webXml = declared.replaceFirst("$1" + Matcher.quoteReplacement(xmlEscape(parameter.getValue()))
                        + "$2");
            }
            war.delete("WEB-INF/web.xml");
            war.setWebXML(new StringAsset(webXml));
            ear.delete(module);
            ear.addAsModule(war);
        }

        /**
         * Keeps the sample's own connection factory definition: its host and port come from the server's config (for a
         * RAR deployed on its own, the descriptor names only the RAR).
         */
        Builder backendFromServerConfig() {
            backend.clear();
            return this;
        }

        private String ejbJarXml() {
            StringBuilder listeners = new StringBuilder();
            activations.forEach((ejbName, properties) -> listeners.append(listener(ejbName, properties)));
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee"
                             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                             xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/ejb-jar_4_0.xsd"
                             version="4.0">
                      <enterprise-beans>
                    %s%s  </enterprise-beans>
                    </ejb-jar>
                    """.formatted(backend.isEmpty() && !standalone() ? "" : backendClient(), listeners);
        }

        private String backendClient() {
            return """
                        <session>
                          <ejb-name>BackendClient</ejb-name>
                    %s      <connection-factory>
                            <name>java:app/tcp/Backend</name>
                            <interface-name>io.github.tcpadapter.api.TcpConnectionFactory</interface-name>
                            <resource-adapter>%s</resource-adapter>
                    %s%s      </connection-factory>
                    %s    </session>
                        <session>
                          <ejb-name>AsyncBackendClient</ejb-name>
                          <connection-factory>
                            <name>java:app/tcp/BackendAsync</name>
                            <interface-name>io.github.tcpadapter.api.TcpConnectionFactory</interface-name>
                            <resource-adapter>%s</resource-adapter>
                    %s      </connection-factory>
                        </session>
                    """.formatted(backendClientRefs, xmlEscape(resourceAdapter), backendPool,
                            properties(backend, "property", "name", "value"), consoleFactory(),
                            xmlEscape(resourceAdapter),
                            properties(asyncBackend(), "property", "name", "value"));
        }

        // the console's own definition of the backend, where it is an application of its own (CONSOLE_FACTORY)
        private String consoleFactory() {
            if (CONSOLE_FACTORY.startsWith("java:app/")) {
                return "";
            }
            return """
                          <connection-factory>
                            <name>%s</name>
                            <interface-name>io.github.tcpadapter.api.TcpConnectionFactory</interface-name>
                            <resource-adapter>%s</resource-adapter>
                            <max-pool-size>4</max-pool-size>
                            <min-pool-size>0</min-pool-size>
                            <transaction-support>NoTransaction</transaction-support>
                    %s      </connection-factory>
                    """.formatted(CONSOLE_FACTORY, xmlEscape(resourceAdapter),
                            properties(backend, "property", "name", "value"));
        }

        /**
         * The asynchronous gateway's multiplexed factory. WildFly replaces the annotation's properties with the
         * descriptor's (Payara merges them), so those of AsyncBackendClient come again.
         */
        private Map<String, Object> asyncBackend() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("host", "127.0.0.1");
            properties.put("port", asyncBackendPort);
            properties.put("correlation", "IN_ORDER");
            properties.put("multiplexedConnections", 1);
            properties.put("maxInFlight", 64);
            return properties;
        }

        private String glassfishEjbJarXml() {
            Set<String> ejbNames = new LinkedHashSet<>(beanPools.keySet());
            if (standalone()) {
                ejbNames.addAll(activations.keySet());
            }
            StringBuilder beans = new StringBuilder();
            ejbNames.forEach(ejbName -> beans.append("""
                        <ejb>
                          <ejb-name>%s</ejb-name>
                    %s%s    </ejb>
                    """.formatted(xmlEscape(ejbName), beanPools.containsKey(ejbName)
                            ? beanPools.get(ejbName).glassfishXml() : "",
                            activations.containsKey(ejbName) && standalone() ? mdbResourceAdapter() : "")));
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE glassfish-ejb-jar PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN"
                        "http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd">
                    <glassfish-ejb-jar>
                      <enterprise-beans>
                    %s  </enterprise-beans>
                    </glassfish-ejb-jar>
                    """.formatted(beans);
        }

        private String listener(String ejbName, Map<String, Object> properties) {
            return """
                        <message-driven>
                          <ejb-name>%s</ejb-name>
                          <activation-config>
                    %s      </activation-config>
                    %s%s%s    </message-driven>
                    """.formatted(ejbName, properties(properties, "activation-config-property",
                            "activation-config-property-name", "activation-config-property-value"),
                            envEntries(ejbName), connectionFactories.getOrDefault(ejbName, new StringBuilder()),
                            ejbName.equals("ChatListener") ? sessionsDefinition() : "");
        }

        private String envEntries(String ejbName) {
            StringBuilder xml = new StringBuilder();
            envEntries.getOrDefault(ejbName, Map.of()).forEach((name, value) -> xml.append("""
                          <env-entry>
                            <env-entry-name>%s</env-entry-name>
                            <env-entry-type>java.lang.String</env-entry-type>
                            <env-entry-value>%s</env-entry-value>
                          </env-entry>
                    """.formatted(xmlEscape(name), xmlEscape(value))));
            return xml.toString();
        }

        /**
         * WildFly's own descriptor (Payara ignores it): the beans bound to the RAR's activation, which is named
         * {@code tcp-adapter} for the EAR's RAR and like the RAR for one deployed on its own (setup.cli), and each
         * sized bean's pool: the server's {@code tcp-test-pool-<max>}, which setup.cli defines.
         */
        private String jbossEjb3Xml() {
            StringBuilder pools = new StringBuilder();
            beanPools.forEach((ejbName, pool) -> pools.append("""
                        <p:pool>
                          <ejb-name>%s</ejb-name>
                          <p:bean-instance-pool-ref>tcp-test-pool-%d</p:bean-instance-pool-ref>
                        </p:pool>
                    """.formatted(xmlEscape(ejbName), pool.max())));
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <jboss:ejb-jar xmlns:jboss="urn:jboss:domain:ejb3:1.0" xmlns="https://jakarta.ee/xml/ns/jakartaee"
                                   xmlns:mdb="urn:resource-adapter-binding" xmlns:p="urn:ejb-pool:1.0" version="4.0">
                      <assembly-descriptor>
                        <mdb:resource-adapter-binding>
                          <ejb-name>*</ejb-name>
                          <mdb:resource-adapter-name>%s</mdb:resource-adapter-name>
                        </mdb:resource-adapter-binding>
                    %s  </assembly-descriptor>
                    </jboss:ejb-jar>
                    """.formatted(standalone() ? xmlEscape(resourceAdapter) : "tcp-adapter", pools);
        }

        private boolean standalone() {
            return !resourceAdapter.equals(EAR_RESOURCE_ADAPTER);
        }

        private String mdbResourceAdapter() {
            return """
                          <mdb-resource-adapter>
                            <resource-adapter-mid>%s</resource-adapter-mid>
                          </mdb-resource-adapter>
                    """.formatted(xmlEscape(resourceAdapter));
        }

        private String sessionsDefinition() {
            if (!standalone()) {
                return "";
            }
            StringBuilder definitions = new StringBuilder();
            for (String name : CONSOLE_SESSIONS.equals("java:app/tcp/Sessions") ? List.of(CONSOLE_SESSIONS)
                    : List.of("java:app/tcp/Sessions", CONSOLE_SESSIONS)) {
                definitions.append("""
                              <administered-object>
                                <name>%s</name>
                                <interface-name>io.github.tcpadapter.api.TcpSessions</interface-name>
                                <class-name>io.github.tcpadapter.api.TcpSessionsAdminObject</class-name>
                                <resource-adapter>%s</resource-adapter>
                              </administered-object>
                        """.formatted(name, xmlEscape(resourceAdapter)));
            }
            return definitions.toString();
        }

        private static String properties(Map<String, Object> properties, String element, String name, String value) {
            StringBuilder xml = new StringBuilder();
            properties.forEach((key, val) -> xml.append("        <%s><%s>%s</%s><%s>%s</%s></%s>%n".formatted(
                    element, name, xmlEscape(key), name, value, xmlEscape(String.valueOf(val)), value, element)));
            return xml.toString();
        }

        private static String xmlEscape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        /**
         * Points the sample at a RAR deployed on its own, named by its application name (no {@code #}, which means a
         * module of the same EAR): the connection factory {@code java:app/tcp/Backend}, the chat bean's administered
         * object {@code java:app/tcp/Sessions} (its annotation says {@code #tcp-adapter-rar}), and each listener
         * bean's {@code resource-adapter-mid} in {@code glassfish-ejb-jar.xml}: without that reference Payara does not
         * show the application the RAR's classes ({@code NoClassDefFoundError ... TcpMessageListener}).
         */
        Builder resourceAdapter(String name) {
            resourceAdapter = name;
            return this;
        }

        /** Sets the pool sizes of {@code java:app/tcp/Backend}, as the sample's ejb-jar.xml would. */
        Builder backendPool(int minPoolSize, int maxPoolSize) {
            backendPool = "        <max-pool-size>%d</max-pool-size>%n        <min-pool-size>%d</min-pool-size>%n"
                    .formatted(maxPoolSize, minPoolSize);
            return this;
        }

        /**
         * Sizes the server's pool of instances of one bean, in the EJB module's {@code META-INF/glassfish-ejb-jar.xml}
         * (Payara's own descriptor): for a message-driven bean, Payara refuses an endpoint at once when
         * {@code maxPoolSize} instances are busy. The pool grows one instance at a time: Payara's default step (the
         * mdb-container's 8) above a smaller maximum makes it log {@code MDB00060} (invalid value) at every deployment.
         * On WildFly ({@code jboss-ejb3.xml}) the bean takes the server's pool {@code tcp-test-pool-<maxPoolSize>}, and
         * a delivery beyond it waits for an instance instead of being refused.
         *
         * @param ejbName the bean
         * @param steadyPoolSize instances kept ready
         * @param maxPoolSize instances at most
         */
        Builder beanPool(String ejbName, int steadyPoolSize, int maxPoolSize) {
            beanPools.put(ejbName, new BeanPool(steadyPoolSize, maxPoolSize));
            return this;
        }

        /** Adds a {@code META-INF/glassfish-resources.xml} (the whole file) to the EAR. */
        Builder glassfishResources(String resourcesXml) {
            glassfishResources = resourcesXml;
            return this;
        }

        /** Makes the sample's BackendClient use this connection factory instead of its own java:app/tcp/Backend. */
        Builder backendLookup(String jndiName) {
            backendClientRefs = """
                          <resource-ref>
                            <res-ref-name>io.github.tcpadapter.sample.BackendClient/backend</res-ref-name>
                            <res-type>io.github.tcpadapter.api.TcpConnectionFactory</res-type>
                            <lookup-name>%s</lookup-name>
                          </resource-ref>
                    """.formatted(xmlEscape(jndiName));
            return this;
        }
    }

    /** A bean's pool sizes, as {@link Builder#beanPool} takes them. */
    private record BeanPool(int steady, int max) {

        // Payara's glassfish-ejb-jar.xml
        String glassfishXml() {
            return """
                          <bean-pool>
                            <steady-pool-size>%d</steady-pool-size>
                            <resize-quantity>1</resize-quantity>
                            <max-pool-size>%d</max-pool-size>
                          </bean-pool>
                    """.formatted(steady, max);
        }
    }

    /**
     * @param mbeans the server's MBeans
     * @return the MBeans of the pooled connection factories, without the multiplexed ones: the sample's
     *     {@code java:app/tcp/BackendAsync} has one on WildFly from deployment on, on Payara once it is used
     */
    static Set<ObjectName> pooledFactoryMBeans(MBeanServerConnection mbeans) throws Exception {
        Set<ObjectName> pooled = new HashSet<>();
        for (ObjectName name : mbeans.queryNames(new ObjectName("io.github.tcpadapter:type=ConnectionFactory,*"),
                null)) {
            if ("NONE".equals(mbeans.getAttribute(name, "Correlation"))) {
                pooled.add(name);
            }
        }
        return pooled;
    }

    /**
     * @param resourceAdapterName the RAR as Payara names it: {@code <application>#<module>} in an EAR
     * @param port the peer's port on 127.0.0.1
     * @return a {@code glassfish-resources.xml} that defines the pool {@code java:app/tcp/FromResources}, with
     *     connection validation on, as an administrator declares it on Payara
     */
    static String serverPoolResources(String resourceAdapterName, int port) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE resources PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Resource Definitions//EN"
                    "http://glassfish.org/dtds/glassfish-resources_1_5.dtd">
                <resources>
                  <connector-connection-pool name="java:app/tcp/FromResourcesPool"
                      resource-adapter-name="%s"
                      connection-definition-name="io.github.tcpadapter.api.TcpConnectionFactory"
                      transaction-support="NoTransaction" steady-pool-size="0" max-pool-size="4"
                      is-connection-validation-required="true">
                    <property name="host" value="127.0.0.1"/>
                    <property name="port" value="%d"/>
                    <property name="readTimeoutMillis" value="5000"/>
                  </connector-connection-pool>
                  <connector-resource jndi-name="java:app/tcp/FromResources" pool-name="java:app/tcp/FromResourcesPool"/>
                </resources>
                """.formatted(resourceAdapterName, port);
    }

    /** Fails unless the server really deployed the application (the embedded Payara ignores failures). */
    static void assertDeployed() {
        TestServer.current().assertDeployed(APPLICATION_NAME);
    }

    static void assertNotDeployed() {
        TestServer.current().assertNotDeployed(APPLICATION_NAME);
    }
}
