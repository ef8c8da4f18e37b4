package io.github.tcpadapter.it;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Registers {@link PayaraMicroContainer} in the failsafe execution that tests Payara Micro only: beside the other
 * servers' containers, a second one would make Arquillian refuse to choose.
 */
public class PayaraMicroExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        if (PayaraMicroServer.LAUNCH.equals(System.getProperty("arquillian.launch"))) {
            builder.service(DeployableContainer.class, PayaraMicroContainer.class);
        }
    }
}
