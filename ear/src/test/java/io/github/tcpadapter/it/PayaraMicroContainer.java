package io.github.tcpadapter.it;

import java.io.IOException;
import java.nio.file.Path;
import javax.management.JMException;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

/**
 * An Arquillian container for one Payara Micro, started once for the whole run ({@link PayaraMicroProcess}), which
 * deploys each archive as {@link PayaraMicroDeployments} does, under the archive's name without its extension.
 */
public class PayaraMicroContainer implements DeployableContainer<PayaraMicroConfiguration> {

    private PayaraMicroConfiguration configuration;
    private PayaraMicroProcess micro;
    private PayaraMicroDeployments deployments;

    @Override
    public Class<PayaraMicroConfiguration> getConfigurationClass() {
        return PayaraMicroConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new ProtocolDescription("Servlet 6.0");
    }

    @Override
    public void start() throws LifecycleException {
        micro = new PayaraMicroProcess(configuration);
        try {
            micro.start();
            deployments = new PayaraMicroDeployments(micro.mbeans(), Path.of(configuration.getWorkDir()));
        } catch (IOException | RuntimeException e) {
            throw new LifecycleException("Cannot start Payara Micro", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while starting Payara Micro", e);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            micro.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("Interrupted while stopping Payara Micro", e);
        }
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        try {
            deployments.deploy(archive, PayaraMicroDeployments.baseName(archive.getName()));
        } catch (IOException | JMException | RuntimeException e) {
            throw new DeploymentException("Payara Micro did not deploy " + archive.getName() + ": " + e.getMessage(),
                    e);
        }
        return new ProtocolMetaData().addContext(new HTTPContext("127.0.0.1", configuration.getHttpPort()));
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        try {
            deployments.undeploy(PayaraMicroDeployments.baseName(archive.getName()));
        } catch (IOException | JMException | RuntimeException e) {
            throw new DeploymentException("Payara Micro did not undeploy " + archive.getName(), e);
        }
    }
}
