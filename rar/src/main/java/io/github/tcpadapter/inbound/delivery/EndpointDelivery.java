package io.github.tcpadapter.inbound.delivery;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSession;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.function.Function;

/** Makes calls on the message endpoints of one activation: frames, and connections' starts and ends. */
public final class EndpointDelivery {

    private final MessageEndpointFactory endpointFactory;

    public EndpointDelivery(MessageEndpointFactory endpointFactory) {
        this.endpointFactory = endpointFactory;
    }

    /** @return a lease for one batch of calls, which takes an endpoint at its first call */
    Lease lease() {
        return new Lease();
    }

    /**
     * The endpoint of one batch of calls on one thread: taken at the first call and used for the next ones, so a
     * batch costs the server one {@code createEndpoint} and {@code release} rather than one per call; released when
     * the batch ends, so an idle connection holds no bean. After a call that failed, the next call takes a new
     * endpoint: the container may have discarded the bean instance behind it.
     */
    final class Lease implements AutoCloseable {

        private MessageEndpoint endpoint;

        private Lease() {
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
            if (endpoint == null) {
                endpoint = endpointFactory.createEndpoint(null);
            }
            try {
                return call.apply((TcpMessageListener) endpoint);
            } catch (RuntimeException | Error e) {
                close();
                throw e;
            }
        }

        /** Gives the endpoint back, if the batch took one. */
        @Override
        public void close() {
            if (endpoint != null) {
                MessageEndpoint taken = endpoint;
                endpoint = null;
                taken.release();
            }
        }
    }
}
