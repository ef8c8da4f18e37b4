package io.github.tcpadapter.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/** arquillian.xml's {@code payara-micro} container: where its pieces are, and its ports on 127.0.0.1. */
public class PayaraMicroConfiguration implements ContainerConfiguration {

    private String javaHome;
    private String microJar;
    private String launcherClasses;
    private String workDir;
    private int httpPort = 28080;
    private int jmxPort = 29998;
    private int startupTimeoutInSeconds = 120;

    @Override
    public void validate() throws ConfigurationException {
        requireDirectory("javaHome", javaHome);
        if (microJar == null || !Files.isRegularFile(Path.of(microJar))) {
            throw new ConfigurationException("microJar: no payara-micro jar at " + microJar);
        }
        requireDirectory("launcherClasses", launcherClasses);
        if (workDir == null || workDir.isBlank()) {
            throw new ConfigurationException("workDir: not set");
        }
    }

    private static void requireDirectory(String property, String value) throws ConfigurationException {
        if (value == null || !Files.isDirectory(Path.of(value))) {
            throw new ConfigurationException(property + ": no directory " + value);
        }
    }

    public String getJavaHome() {
        return javaHome;
    }

    public void setJavaHome(String javaHome) {
        this.javaHome = javaHome;
    }

    public String getMicroJar() {
        return microJar;
    }

    public void setMicroJar(String microJar) {
        this.microJar = microJar;
    }

    public String getLauncherClasses() {
        return launcherClasses;
    }

    public void setLauncherClasses(String launcherClasses) {
        this.launcherClasses = launcherClasses;
    }

    public String getWorkDir() {
        return workDir;
    }

    public void setWorkDir(String workDir) {
        this.workDir = workDir;
    }

    public int getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(int httpPort) {
        this.httpPort = httpPort;
    }

    public int getJmxPort() {
        return jmxPort;
    }

    public void setJmxPort(int jmxPort) {
        this.jmxPort = jmxPort;
    }

    public int getStartupTimeoutInSeconds() {
        return startupTimeoutInSeconds;
    }

    public void setStartupTimeoutInSeconds(int startupTimeoutInSeconds) {
        this.startupTimeoutInSeconds = startupTimeoutInSeconds;
    }
}
