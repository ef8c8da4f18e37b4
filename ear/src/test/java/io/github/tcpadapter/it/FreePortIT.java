package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tests' listener ports stay out of the kernel's ephemeral range, from which every outgoing connection takes
 * its local port: a port chosen there was taken by one before the deployment bound it ("Address already in use",
 * OutboundTlsIT with a busy CPU).
 */
class FreePortIT {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void listenerPortsAreOutsideTheEphemeralRange() throws Exception {
        assumeTrue(Files.isReadable(EPHEMERAL_RANGE), "Linux tells its ephemeral range");
        // one line, "first<tab>last" (Files.readString read a single byte of this /proc file on JDK 17)
        String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
        int first = Integer.parseInt(range[0]);
        int last = Integer.parseInt(range[1]);
        for (int i = 0; i < 100; i++) {
            int port = FreePort.next();
            assertThat(port < first || port > last).as("port %d outside %d-%d", port, first, last).isTrue();
        }
    }
}
