package io.github.tcpadapter.inbound.delivery;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSession;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.function.Function;

/** Makes one call on a message endpoint: a frame, or a connection's start or end. */
public final class EndpointDelivery {

    private final MessageEndpointFactory endpointFactory;

    public EndpointDelivery(MessageEndpointFactory endpointFactory) {
        this.endpointFactory = endpointFactory;
    }

    /**
     * @param message the received frame
     * @return the bean's reply, or {@code null} for none
     * @throws UnavailableException if the server has no endpoint to give (for example during undeployment)
     * @throws RuntimeException whatever the bean threw, as the container wrapped it
     */
    byte[] onMessage(TcpMessage message) throws UnavailableException {
        return call(listener -> listener.onMessage(message));
    }

    /** @see #onMessage */
    void onConnect(TcpSession session) throws UnavailableException {
        call(listener -> {
            listener.onConnect(session);
            return null;
        });
    }

    /** @see #onMessage */
    void onDisconnect(TcpSession session) throws UnavailableException {
        call(listener -> {
            listener.onDisconnect(session);
            return null;
        });
    }

    private <T> T call(Function<TcpMessageListener, T> call) throws UnavailableException {
        // an endpoint per call: an idle connection holds no bean instance
        MessageEndpoint endpoint = endpointFactory.createEndpoint(null);
        try {
            return call.apply((TcpMessageListener) endpoint);
        } finally {
            endpoint.release();
        }
    }
}
