package io.github.tcpadapter.bench.server;

import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** The NOT_SUPPORTED echo on a listener with one event loop ({@code ioThreads=1}), beside the default's one per core. */
@MessageDriven(messageListenerInterface = TcpMessageListener.class, activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = BenchPorts.ECHO_ONE_LOOP),
    @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "127.0.0.1"),
    // every connection of the load generator comes from 127.0.0.1
    @ActivationConfigProperty(propertyName = "maxConnectionsPerAddress", propertyValue = "0"),
    @ActivationConfigProperty(propertyName = "maxFrameLength", propertyValue = "8192"),
    @ActivationConfigProperty(propertyName = "ioThreads", propertyValue = "1")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// the listener interface is named: the container looks for it only among the interfaces the class itself declares
public class BenchEchoOneLoopListener extends BenchEchoNoTxListener {
}
