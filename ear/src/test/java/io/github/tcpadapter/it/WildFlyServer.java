package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.wildfly.plugin.tools.Deployment;
import org.wildfly.plugin.tools.DeploymentManager;
import org.wildfly.plugin.tools.DeploymentResult;
import org.wildfly.plugin.tools.UndeployDescription;
import org.wildfly.plugin.tools.server.ServerManager;

/**
 * The WildFly of arquillian.xml's {@code wildfly}, in its own JVM: reached through its management interface on
 * 127.0.0.1:29990 (ports moved by 20000), as a local user (no password: the same machine and user).
 */
final class WildFlyServer implements TestServer {

    private static final String MANAGEMENT_HOST = "127.0.0.1";
    private static final int MANAGEMENT_PORT = 29990;
    private static final long ADD_USER_SECONDS = 60;
    private static final long RELOAD_SECONDS = 60;
    private static final ModelNode SERVER_POOL = Operations.createAddress("subsystem", "resource-adapters",
            "resource-adapter", "tcp-adapter", "connection-definitions", "ServerBackend");
    private static final String SERVER_POOL_JNDI_NAME = "java:/tcp/ServerBackend";

    private final Path home = Path.of(System.getProperty("wildfly.home"));
    private ModelControllerClient client;
    private JMXConnector jmx;
    private final Map<String, String> deploymentNames = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "WildFly 39 (managed)";
    }

    // WildFly serves MicroProfile Health on its management interface, not on the applications' port
    @Override
    public boolean deploysEars() {
        return true;
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public Path logFile() {
        return home.resolve("standalone/log/server.log");
    }

    @Override
    public boolean poolLogsFailuresBriefly() {
        return false;
    }

    @Override
    public String healthUrl() {
        return "http://" + MANAGEMENT_HOST + ":" + MANAGEMENT_PORT + "/health";
    }

    @Override
    public void assertDeployed(String application) {
        assertThat(has(application)).as("application %s deployed", application).isTrue();
    }

    @Override
    public void assertNotDeployed(String application) {
        assertThat(has(application)).as("application %s deployed", application).isFalse();
    }

    private boolean has(String application) {
        try {
            return deployments().hasDeployment(deploymentName(application));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot ask WildFly for its deployments", e);
        }
    }

    @Override
    public void deploy(File archive, String application) throws Exception {
        String file = archive.getName();
        deploymentNames.put(application, application + file.substring(file.lastIndexOf('.')));
        DeploymentResult result = deployments().deploy(Deployment.of(archive).setName(deploymentName(application)));
        assertThat(result.successful()).as("%s deployed: %s", application, result.getFailureMessage()).isTrue();
    }

    @Override
    public void undeploy(String application) throws Exception {
        deployments().undeploy(UndeployDescription.of(deploymentName(application)));
    }

    // the server's /system-property resources, as standalone.xml keeps them
    @Override
    public void setSystemProperty(String name, String value) throws IOException {
        ModelNode address = Operations.createAddress("system-property", name);
        if (Operations.isSuccessfulOutcome(client().execute(Operations.createReadResourceOperation(address)))) {
            execute(Operations.createRemoveOperation(address));
        }
        if (value != null) {
            ModelNode add = Operations.createAddOperation(address);
            add.get("value").set(value);
            execute(add);
        }
    }

    @Override
    public synchronized MBeanServerConnection mbeans() {
        try {
            if (jmx == null) {
                jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                        "service:jmx:remote+http://" + MANAGEMENT_HOST + ":" + MANAGEMENT_PORT));
            }
            return jmx.getMBeanServerConnection();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach WildFly's MBeans over JMX", e);
        }
    }

    /**
     * Adds the user to the application realm's property files with WildFly's own {@code add-user.sh}; the realm
     * reads them again when they change.
     */
    @Override
    public synchronized void addUser(String name, String password, String group) throws Exception {
        Properties users = new Properties();
        try (var in = Files.newInputStream(home.resolve("standalone/configuration/application-users.properties"))) {
            users.load(in);
        }
        if (users.containsKey(name)) {
            return;
        }
        ProcessBuilder command = new ProcessBuilder(home.resolve("bin/add-user.sh").toString(), "-a", "-u", name,
                "-p", password, "-g", group, "-s");
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process addUser = command.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!addUser.waitFor(ADD_USER_SECONDS, TimeUnit.SECONDS)) {
            addUser.destroyForcibly();
            throw new IllegalStateException("add-user.sh did not finish within " + ADD_USER_SECONDS + " s");
        }
        assertThat(addUser.exitValue()).as("add-user.sh exit code for " + name).isZero();
    }

    /**
     * A connection definition of the RAR's activation in the resource-adapters subsystem (ear/src/test/wildfly/
     * setup.cli), as standalone.xml keeps it; bound when the EAR deploys, at a JNDI name outside the application.
     */
    @Override
    public void addServerPool(SampleEar.Builder ear, int port) throws IOException {
        ModelNode add = Operations.createAddOperation(SERVER_POOL);
        add.get("class-name").set("io.github.tcpadapter.outbound.TcpManagedConnectionFactory");
        add.get("jndi-name").set(SERVER_POOL_JNDI_NAME);
        add.get("min-pool-size").set(0);
        add.get("max-pool-size").set(4);
        add.get("validate-on-match").set(true);
        Operations.CompositeOperationBuilder definition = Operations.CompositeOperationBuilder.create().addStep(add);
        Map.of("host", "127.0.0.1", "port", Integer.toString(port), "readTimeoutMillis", "5000")
                .forEach((name, value) -> {
                    ModelNode property = Operations.createAddOperation(
                            SERVER_POOL.clone().add("config-properties", name));
                    property.get("value").set(value);
                    definition.addStep(property);
                });
        execute(definition.build().getOperation());
        ear.backendLookup(SERVER_POOL_JNDI_NAME);
    }

    // WildFly applies the removal of a connection definition only when it reloads (a few seconds)
    @Override
    public void removeServerPool() throws IOException {
        ModelNode read = Operations.createReadResourceOperation(SERVER_POOL);
        if (Operations.isSuccessfulOutcome(client().execute(read))) {
            execute(Operations.createRemoveOperation(SERVER_POOL));
            closeJmx(); // the reload ends its connection
            ServerManager.builder().client(client()).standalone().reloadIfRequired(RELOAD_SECONDS, TimeUnit.SECONDS);
        }
    }

    private synchronized void closeJmx() throws IOException {
        if (jmx != null) {
            jmx.close();
            jmx = null;
        }
    }

    private void execute(ModelNode operation) throws IOException {
        ModelNode result = client().execute(operation);
        if (!Operations.isSuccessfulOutcome(result)) {
            throw new IllegalStateException(operation + " failed: " + Operations.getFailureDescription(result));
        }
    }

    private DeploymentManager deployments() {
        return DeploymentManager.create(client());
    }

    private synchronized ModelControllerClient client() {
        if (client == null) {
            client = ModelControllerClient.Factory.create(InetAddress.getLoopbackAddress(), MANAGEMENT_PORT);
        }
        return client;
    }

    // WildFly names a deployment by its file name; the RAR's activation in setup.cli names the archive
    // tcp-adapter.ear#tcp-adapter-rar.rar, the EAR Arquillian deploys
    private String deploymentName(String application) {
        return deploymentNames.getOrDefault(application, application + ".ear");
    }
}
