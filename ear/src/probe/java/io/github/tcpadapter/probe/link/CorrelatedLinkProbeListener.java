package io.github.tcpadapter.probe.link;

import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.MessageDriven;

/** The same bean, its link's replies to {@code requestAsync} paired by key (the test sets its correlation). */
@MessageDriven(messageListenerInterface = TcpMessageListener.class)
// the listener interface is named: the container looks for it only among the interfaces the class itself declares
public class CorrelatedLinkProbeListener extends LinkProbeListener {
}
