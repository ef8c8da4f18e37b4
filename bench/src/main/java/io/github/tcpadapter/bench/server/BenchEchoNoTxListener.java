package io.github.tcpadapter.bench.server;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** The echo without a container transaction around each frame: TCP has none to join. */
@MessageDriven(messageListenerInterface = TcpMessageListener.class, activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = BenchPorts.ECHO_NO_TX),
    @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "127.0.0.1"),
    // every connection of the load generator comes from 127.0.0.1
    @ActivationConfigProperty(propertyName = "maxConnectionsPerAddress", propertyValue = "0"),
    @ActivationConfigProperty(propertyName = "maxFrameLength", propertyValue = "8192"),
    @ActivationConfigProperty(propertyName = "maxConnections", propertyValue = "20000")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BenchEchoNoTxListener implements TcpMessageListener {

    @Override
    public byte[] onMessage(TcpMessage message) {
        return message.payload();
    }
}
