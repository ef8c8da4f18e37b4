package io.github.tcpadapter.inbound;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/** Delivers one message to a message endpoint and returns its reply. */
final class EndpointDelivery {

    private final MessageEndpointFactory endpointFactory;

    EndpointDelivery(MessageEndpointFactory endpointFactory) {
        this.endpointFactory = endpointFactory;
    }

    /**
     * @param message the received frame
     * @return the bean's reply, or {@code null} for none
     * @throws UnavailableException if the server has no endpoint to give (for example during undeployment)
     * @throws RuntimeException whatever the bean threw, as the container wrapped it
     */
    byte[] deliver(TcpMessage message) throws UnavailableException {
        // an endpoint per message: an idle connection holds no bean instance
        MessageEndpoint endpoint = endpointFactory.createEndpoint(null);
        try {
            return ((TcpMessageListener) endpoint).onMessage(message);
        } finally {
            endpoint.release();
        }
    }
}
