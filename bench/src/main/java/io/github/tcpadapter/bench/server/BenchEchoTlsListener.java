package io.github.tcpadapter.bench.server;

import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** The NOT_SUPPORTED echo over TLS with the server's own certificate: the cost of TLS, bean for bean. */
@MessageDriven(messageListenerInterface = TcpMessageListener.class, activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = BenchPorts.ECHO_TLS),
    @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "127.0.0.1"),
    // every connection of the load generator comes from 127.0.0.1
    @ActivationConfigProperty(propertyName = "maxConnectionsPerAddress", propertyValue = "0"),
    @ActivationConfigProperty(propertyName = "maxFrameLength", propertyValue = "8192"),
    @ActivationConfigProperty(propertyName = "ssl", propertyValue = "true")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// the listener interface is named: the container looks for it only among the interfaces the class itself declares
public class BenchEchoTlsListener extends BenchEchoNoTxListener {
}
