package io.github.tcpadapter.probe;

import io.github.tcpadapter.api.TcpMessageListener;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;

/** The probe with {@code onError=CONTINUE}: a failed frame leaves its connection open. */
@MessageDriven(messageListenerInterface = TcpMessageListener.class, activationConfig = {
    @ActivationConfigProperty(propertyName = "port", propertyValue = "9101"),
    @ActivationConfigProperty(propertyName = "onError", propertyValue = "CONTINUE")
})
// the listener interface is named: the container looks for it only among the interfaces the class itself declares
public class ContinuingProbeListener extends ProbeListener {
}
