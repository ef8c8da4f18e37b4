package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.GenericArchive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The Payara Micro 7 of arquillian.xml's {@code payara-micro} ({@link PayaraMicroContainer}), in its own JVM on JDK
 * 21 or newer: reached over JMX on 127.0.0.1, where its control MBean deploys and adds users.
 */
final class PayaraMicroServer implements TestServer {

    /** The failsafe execution's {@code arquillian.launch}. */
    static final String LAUNCH = "payara-micro";
    private static final String STRING = String.class.getName();

    private final Path workDir = Path.of(System.getProperty("micro.work"));
    private final int jmxPort = Integer.getInteger("micro.jmx.port");
    private JMXConnector jmx;
    private PayaraMicroDeployments deployments;
    private final Set<String> users = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "Payara Micro 7 (managed, on " + System.getProperty("micro.java.home") + ")";
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public Path logFile() {
        return PayaraMicroProcess.logFile(workDir);
    }

    @Override
    public boolean poolLogsFailuresBriefly() {
        return true;
    }

    @Override
    public String healthUrl() {
        return "http://" + SampleEar.HTTP_HOST + "/health";
    }

    @Override
    public boolean deploysEars() {
        return false;
    }

    @Override
    public void assertDeployed(String application) {
        assertThat(applications()).as("applications deployed").contains(application);
    }

    @Override
    public void assertNotDeployed(String application) {
        assertThat(applications()).as("applications deployed").doesNotContain(application);
    }

    private List<String> applications() {
        try {
            return List.of((String[]) mbeans().getAttribute(control(), "Applications"));
        } catch (IOException | JMException e) {
            throw new IllegalStateException("Cannot ask Payara Micro for its applications", e);
        }
    }

    // an EAR in parts, as Arquillian's deployments (PayaraMicroDeployments)
    @Override
    public void deploy(File archive, String application) throws Exception {
        ZipImporter importer = ShrinkWrap.create(ZipImporter.class, archive.getName()).importFrom(archive);
        Archive<?> imported = archive.getName().endsWith(".ear") ? importer.as(EnterpriseArchive.class)
                : importer.as(GenericArchive.class);
        deployments().deploy(imported, application);
    }

    @Override
    public void undeploy(String application) throws Exception {
        deployments().undeploy(application);
    }

    private synchronized PayaraMicroDeployments deployments() {
        if (deployments == null) {
            deployments = new PayaraMicroDeployments(mbeans(), workDir);
        }
        return deployments;
    }

    @Override
    public void setSystemProperty(String name, String value) throws Exception {
        mbeans().invoke(control(), "setSystemProperty", new Object[] {name, value}, new String[] {STRING, STRING});
    }

    @Override
    public synchronized MBeanServerConnection mbeans() {
        try {
            if (jmx == null) {
                jmx = JMXConnectorFactory.connect(PayaraMicroProcess.jmxUrl(jmxPort));
            }
            return jmx.getMBeanServerConnection();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach Payara Micro's MBeans over JMX", e);
        }
    }

    /**
     * {@code asadmin create-file-user}, run by Micro's command runner, which refuses a user that exists; the realm
     * lives in Micro's root directory, which the run made fresh, so the users this JVM added are the realm's.
     */
    @Override
    public void addUser(String name, String password, String group) throws Exception {
        if (users.add(name)) {
            mbeans().invoke(control(), "addUser", new Object[] {name, password, group},
                    new String[] {STRING, STRING, STRING});
        }
    }

    // Payara's glassfish-resources.xml, as on Payara 6, in the EJB module (PayaraMicroContainer moves it there)
    @Override
    public void addServerPool(SampleEar.Builder ear, int port) {
        ear.glassfishResources(SampleEar.serverPoolResources(SampleEar.RAR_APPLICATION, port))
                .backendLookup("java:app/tcp/FromResources");
    }

    @Override
    public void removeServerPool() {
        // nothing outside the application
    }

    private static ObjectName control() throws JMException {
        return new ObjectName(PayaraMicroProcess.CONTROL);
    }

    // Payara 7.2026.11 injects the annotation's factory (OutboundResourcesIT)
    @Override
    public boolean descriptorLookupReplacesAnnotation() {
        return false;
    }

    // Payara 7.2026.11: an HTML 503 for every health request once an application with a check was undeployed
    @Override
    public boolean servesHealthAfterRedeploy() {
        return false;
    }
}
