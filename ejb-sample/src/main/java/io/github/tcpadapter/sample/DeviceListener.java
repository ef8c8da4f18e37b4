package io.github.tcpadapter.sample;

import io.github.tcpadapter.api.TcpMessage;
import io.github.tcpadapter.api.TcpMessageListener;
import io.github.tcpadapter.api.TcpSession;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.logging.Logger;

/**
 * A client-mode listener: the device is the server (the sample's simulator on {@code 127.0.0.1:9104}, which
 * {@code mvn -P run verify} starts), and the adapter connects to it, keeps the link up and delivers what the device
 * sends. The device greets ({@code hello <name>}) and is welcomed; each {@code reading <n> <value>} is logged and
 * acknowledged with {@code ack <n>}. Port 9005 only names the listener: nothing listens there.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9005"),
    @ActivationConfigProperty(propertyName = "connectTo", propertyValue = "127.0.0.1:9104")
})
public class DeviceListener implements TcpMessageListener {

    private static final Logger LOG = Logger.getLogger(DeviceListener.class.getName());

    @Override
    public void onConnect(TcpSession session) {
        LOG.info(() -> "Linked to the device at " + address(session) + " as " + session.id());
    }

    @Override
    public byte[] onMessage(TcpMessage message) {
        String[] words = message.text().split(" ", 3);
        String reply;
        if (words[0].equals("hello") && words.length > 1) {
            reply = "welcome " + words[1];
        } else if (words[0].equals("reading") && words.length == 3) {
            LOG.info(() -> "Device reading " + words[1] + ": " + words[2]);
            reply = "ack " + words[1];
        } else {
            reply = "unknown: " + message.text();
        }
        return reply.getBytes(message.charset());
    }

    @Override
    public void onDisconnect(TcpSession session) {
        LOG.info(() -> "The link to the device at " + address(session) + " closed");
    }

    private static String address(TcpSession session) {
        return session.remoteAddress().getHostString() + ":" + session.remoteAddress().getPort();
    }
}
