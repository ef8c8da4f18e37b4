package io.github.tcpadapter.probe.link;

import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.MessageDriven;

/** The same bean, its link kept with heartbeats (the test sets them). */
@MessageDriven(messageListenerInterface = TcpMessageListener.class)
// the listener interface is named: the container looks for it only among the interfaces the class itself declares
public class HeartbeatLinkProbeListener extends LinkProbeListener {
}
