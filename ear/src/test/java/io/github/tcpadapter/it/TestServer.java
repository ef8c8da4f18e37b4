package io.github.tcpadapter.it;

import java.io.File;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;

/**
 * What the container tests need from the server under test that Jakarta EE leaves to each server: one
 * implementation per server, chosen by the failsafe execution ({@code arquillian.launch}, the container qualifier of
 * arquillian.xml). Everything else in the tests is the same on every server.
 */
interface TestServer {

    /** @return the server these tests run against */
    static TestServer current() {
        return Current.SERVER;
    }

    /** @return for example {@code Payara 6 (embedded)}, for messages */
    String name();

    /**
     * @return whether the server deploys an EAR; one that does not (Payara Micro) is given the EAR's modules one by
     *     one, its RAR first under {@link SampleEar#RAR_APPLICATION}, and the sample names that RAR as a standalone one
     */
    boolean deploysEars();

    /** @return whether the server runs in the tests' JVM, where the tests can reach its loggers */
    boolean inProcess();

    /**
     * @return the log file of a server in a JVM of its own
     * @throws IllegalStateException for a server in this JVM: read its loggers instead
     */
    Path logFile();

    /**
     * @return whether the server's connection pool logs a failed connect in a line or two (Payara), rather than
     *     with the adapter's stack trace (WildFly's {@code IJ000604})
     */
    boolean poolLogsFailuresBriefly();

    /** @return the base URL of the application's MicroProfile Health endpoints, {@code .../health} */
    String healthUrl();

    /** Fails unless the server really deployed the application of that name. */
    void assertDeployed(String application);

    /** Fails if the server holds an application of that name. */
    void assertNotDeployed(String application);

    /**
     * Deploys an archive straight to the server, under the application name the sample's configuration expects,
     * rather than through Arquillian (which keys deployments by archive name).
     */
    void deploy(File archive, String application) throws Exception;

    void undeploy(String application) throws Exception;

    /**
     * Sets a system property of the server's JVM, as its configuration would (Payara Micro's
     * {@code --systemproperties}); a null value removes it.
     */
    void setSystemProperty(String name, String value) throws Exception;

    /** @return where the adapter's MBeans are registered, as an operator's JMX client sees them */
    MBeanServerConnection mbeans();

    /**
     * Adds a user of the server's default application realm, if absent.
     *
     * @param group the user's group, which the console's role {@code tcp-console} is mapped to
     */
    void addUser(String name, String password, String group) throws Exception;

    /**
     * Gives the sample EAR a connection factory the server defines, as an administrator declares it, for a peer on
     * 127.0.0.1 with connection validation on, and points the sample's BackendClient at it. Deploy the EAR under
     * {@link SampleEar#APPLICATION_NAME} afterwards, and call {@link #removeServerPool()} once it is undeployed.
     */
    void addServerPool(SampleEar.Builder ear, int port) throws Exception;

    /** Removes what the server keeps of {@link #addServerPool}'s pool beyond the application. */
    void removeServerPool() throws Exception;

    /**
     * @return whether an {@code ejb-jar.xml} {@code resource-ref} with a {@code lookup-name} replaces the lookup of
     *     the bean's {@code @Resource(lookup = ...)}, as Jakarta EE says; Payara 7 keeps the annotation's
     */
    default boolean descriptorLookupReplacesAnnotation() {
        return true;
    }

    /**
     * @return whether MicroProfile Health still answers after an application with a health check was undeployed and
     *     deployed again; Payara 7 answers 503 with an HTML page from the first such undeployment until it restarts
     *     ({@link ReadinessRedeployIT})
     */
    default boolean servesHealthAfterRedeploy() {
        return true;
    }

    /** The server of this test JVM, made once. */
    final class Current {

        private static final TestServer SERVER = switch (System.getProperty("arquillian.launch", "")) {
            case "wildfly" -> new WildFlyServer();
            case PayaraMicroServer.LAUNCH -> new PayaraMicroServer();
            default -> new PayaraServer();
        };

        private Current() {
        }
    }
}
