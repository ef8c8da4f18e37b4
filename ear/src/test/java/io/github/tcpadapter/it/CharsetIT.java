package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The listener's {@code charset} property decides how the bean's {@code TcpMessage.text()} reads the bytes. */
@ExtendWith(ArquillianExtension.class)
class CharsetIT {

    private static final int ECHO_PORT = FreePort.next();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.builder(ECHO_PORT, FreePort.next(), FreePort.next())
                .activation("EchoListener", "charset", "ISO-8859-1")
                .build();
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void latin1BytesSurviveTheRoundTripThroughText() throws Exception {
        byte[] eAcute = "\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ECHO_PORT)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(eAcute);
            InputStream in = socket.getInputStream();
            byte[] expected = "ok: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
            assertThat(in.readNBytes(expected.length)).isEqualTo(expected);
        }
    }
}
