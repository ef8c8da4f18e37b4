package io.github.tcpadapter.inbound;

import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.config.FramingProperties;
import io.github.tcpadapter.config.PropertyCheck;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * The activation configuration of a {@link TcpMessageListener} bean, set with {@code @ActivationConfigProperty}:
 *
 * <pre>{@code
 * @MessageDriven(activationConfig = {
 *     @ActivationConfigProperty(propertyName = "port", propertyValue = "9000"),
 *     @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "127.0.0.1")
 * })
 * }</pre>
 */
@Activation(messageListeners = TcpMessageListener.class)
public class TcpActivationSpec extends FramingProperties implements ActivationSpec {

    @ConfigProperty(description = "TCP port to listen on. Required.")
    private Integer port;

    @ConfigProperty(defaultValue = "0.0.0.0", description = "Local address to listen on; 0.0.0.0 means all.")
    private String bindAddress = "0.0.0.0";

    private ResourceAdapter resourceAdapter;

    /**
     * @return the validated settings of the listener
     * @throws InvalidPropertyException naming the first property with a bad value
     */
    public ListenerSettings settings() throws InvalidPropertyException {
        return new ListenerSettings(
                PropertyCheck.notBlank("bindAddress", bindAddress),
                PropertyCheck.port("port", port),
                framing(),
                charset());
    }

    @Override
    @SuppressWarnings("deprecation") // still called by servers that do not use Bean Validation
    public void validate() throws InvalidPropertyException {
        settings();
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }
}
