package io.github.tcpadapter.bench.server;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/**
 * Echoes every frame unchanged, as the benchmark's peers do, with the container's default transaction attribute
 * (REQUIRED): what a user gets who writes no annotation.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = BenchPorts.ECHO),
    @ActivationConfigProperty(propertyName = "bindAddress", propertyValue = "127.0.0.1"),
    // every connection of the load generator comes from 127.0.0.1
    @ActivationConfigProperty(propertyName = "maxConnectionsPerAddress", propertyValue = "0"),
    @ActivationConfigProperty(propertyName = "maxFrameLength", propertyValue = "8192")
})
public class BenchEchoListener implements TcpMessageListener {

    @Override
    public byte[] onMessage(TcpMessage message) {
        return message.payload();
    }
}
