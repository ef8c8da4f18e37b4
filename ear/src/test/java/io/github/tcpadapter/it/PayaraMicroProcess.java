package io.github.tcpadapter.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The Payara Micro JVM of the container tests: {@code payara-micro.jar} with the launcher of
 * {@code ear/src/micro/java} on its class path, on the JDK 21+ the build found, reached over the JDK's JMX agent on
 * 127.0.0.1. Its log: {@code server.log} in its working directory, in WildFly's line format (which
 * {@link LogRecords} reads); what it prints: {@code console.log} beside it.
 */
final class PayaraMicroProcess {

    static final String CONTROL = "io.github.tcpadapter.test:type=PayaraMicroControl";
    private static final Logger LOG = Logger.getLogger(PayaraMicroProcess.class.getName());
    private static final String LAUNCHER = "io.github.tcpadapter.micro.PayaraMicroMain";
    private static final long STOP_SECONDS = 30;

    private final PayaraMicroConfiguration configuration;
    private Process process;
    private JMXConnector jmx;

    PayaraMicroProcess(PayaraMicroConfiguration configuration) {
        this.configuration = configuration;
    }

    static JMXServiceURL jmxUrl(int port) {
        try {
            return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Path logFile(Path workDir) {
        return workDir.resolve("server.log");
    }

    /** Starts the JVM and waits, at most the configured time, until Micro registered its control MBean. */
    void start() throws IOException, InterruptedException {
        Path work = Path.of(configuration.getWorkDir());
        Files.createDirectories(work);
        Path logging = work.resolve("logging.properties");
        Files.writeString(logging, loggingProperties(logFile(work)), StandardCharsets.ISO_8859_1);
        List<String> command = new ArrayList<>();
        command.add(Path.of(configuration.getJavaHome(), "bin", "java").toString());
        command.addAll(moduleOptions(Path.of(configuration.getMicroJar())));
        command.addAll(List.of("-Xms256m", "-Xmx768m",
                "-Dcom.sun.management.jmxremote.port=" + configuration.getJmxPort(),
                "-Dcom.sun.management.jmxremote.rmi.port=" + configuration.getJmxPort(),
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-cp", configuration.getMicroJar() + java.io.File.pathSeparator + configuration.getLauncherClasses(),
                LAUNCHER, Integer.toString(configuration.getHttpPort()), work.resolve("root").toString(),
                logging.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("console.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(configuration.getStartupTimeoutInSeconds());
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro ended with exit code " + process.exitValue()
                        + " before it was ready: see " + work.resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("Payara Micro was not ready within "
                        + configuration.getStartupTimeoutInSeconds() + " s: see " + work.resolve("console.log"));
            }
            Thread.sleep(200);
        }
    }

    private boolean ready() {
        try {
            if (jmx == null) {
                jmx = JMXConnectorFactory.connect(jmxUrl(configuration.getJmxPort()));
            }
            return jmx.getMBeanServerConnection().isRegistered(new ObjectName(CONTROL));
        } catch (IOException | JMException e) {
            return false; // not listening yet, or still booting
        }
    }

    MBeanServerConnection mbeans() throws IOException {
        return jmx.getMBeanServerConnection();
    }

    /** Ends Micro as a signal would (its shutdown hook stops the applications), forcibly after a bound. */
    void stop() throws InterruptedException {
        try {
            if (jmx != null) {
                jmx.close();
            }
        } catch (IOException e) {
            LOG.fine(() -> "closing the JMX connection: " + e);
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning("Payara Micro did not stop within " + STOP_SECONDS + " s; killing it");
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    // Micro's manifest lists the packages it opens when run with -jar; from the class path it needs them here
    private static List<String> moduleOptions(Path microJar) {
        try (JarFile jar = new JarFile(microJar.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            List<String> options = new ArrayList<>();
            for (String opened : split(manifest.getValue("Add-Opens"))) {
                options.add("--add-opens=" + opened + "=ALL-UNNAMED");
            }
            for (String exported : split(manifest.getValue("Add-Exports"))) {
                options.add("--add-exports=" + exported + "=ALL-UNNAMED");
            }
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + microJar, e);
        }
    }

    private static List<String> split(String packages) {
        return packages == null || packages.isBlank() ? List.of() : List.of(packages.trim().split("\\s+"));
    }

    // the adapter at INFO, the server's warnings; one line per record, as WildFly writes them
    private static String loggingProperties(Path logFile) {
        return """
                handlers=java.util.logging.FileHandler
                java.util.logging.FileHandler.pattern=%s
                java.util.logging.FileHandler.count=1
                java.util.logging.FileHandler.limit=0
                java.util.logging.FileHandler.level=ALL
                java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter
                java.util.logging.SimpleFormatter.format=%%1$tF %%1$tT,%%1$tL %%4$s [%%3$s] (micro) %%5$s%%6$s%%n
                .level=INFO
                io.github.tcpadapter.level=INFO
                """.formatted(logFile.toString().replace("\\", "/"));
    }
}
