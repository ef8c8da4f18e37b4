package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.enterprise.security.auth.realm.Realm;
import com.sun.enterprise.security.auth.realm.file.FileRealm;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collections;
import javax.management.MBeanServerConnection;
import org.glassfish.embeddable.Deployer;
import org.glassfish.internal.api.Globals;
import org.glassfish.internal.data.ApplicationRegistry;

/**
 * The embedded Payara of arquillian.xml's {@code payara-embedded}, in the tests' own JVM: its registries are read
 * directly.
 */
final class PayaraServer implements TestServer {

    @Override
    public String name() {
        return "Payara 6 (embedded)";
    }

    @Override
    public boolean deploysEars() {
        return true;
    }

    @Override
    public boolean inProcess() {
        return true;
    }

    @Override
    public Path logFile() {
        throw new IllegalStateException("The embedded Payara logs in the tests' JVM: read its loggers");
    }

    @Override
    public boolean poolLogsFailuresBriefly() {
        return true;
    }

    @Override
    public String healthUrl() {
        return "http://" + SampleEar.HTTP_HOST + "/health";
    }

    // the embedded container may report a failed deployment or only log it: this asks the server itself
    @Override
    public void assertDeployed(String application) {
        assertThat(applications().get(application)).as("application %s deployed", application).isNotNull();
    }

    @Override
    public void assertNotDeployed(String application) {
        assertThat(applications().get(application)).as("application %s deployed", application).isNull();
    }

    @Override
    public void deploy(File archive, String application) throws Exception {
        deployer().deploy(archive, "--name", application);
    }

    @Override
    public void undeploy(String application) throws Exception {
        deployer().undeploy(application);
    }

    // the tests' JVM is the server's
    @Override
    public void setSystemProperty(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    @Override
    public MBeanServerConnection mbeans() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    /**
     * Writes the user into the file realm, as {@code asadmin create-file-user} would: the embedded server's command
     * runner refuses passwords on its command line.
     */
    @Override
    public synchronized void addUser(String name, String password, String group) throws Exception {
        FileRealm realm = (FileRealm) Realm.getInstance("file");
        if (!Collections.list(realm.getUserNames()).contains(name)) {
            realm.addUser(name, password.toCharArray(), new String[] {group});
            realm.persist();
        }
    }

    // a glassfish-resources.xml in the EAR: the application's own resource, gone with it
    @Override
    public void addServerPool(SampleEar.Builder ear, int port) {
        ear.glassfishResources(SampleEar.serverPoolResources("tcp-adapter#tcp-adapter-rar", port))
                .backendLookup("java:app/tcp/FromResources");
    }

    @Override
    public void removeServerPool() {
        // nothing outside the application
    }

    private static ApplicationRegistry applications() {
        return Globals.getDefaultHabitat().getService(ApplicationRegistry.class);
    }

    private static Deployer deployer() {
        return Globals.getDefaultHabitat().getService(Deployer.class);
    }
}
