package io.github.tcpadapter.probe.link;

import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.MessageDriven;

/** The same bean, linked over TLS to a device whose certificate it checks. */
@MessageDriven(messageListenerInterface = TcpMessageListener.class)
// the listener interface is named: the container looks for it only among the interfaces the class itself declares
public class TlsLinkProbeListener extends LinkProbeListener {
}
