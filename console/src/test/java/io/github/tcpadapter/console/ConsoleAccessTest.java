package io.github.tcpadapter.console;

import static io.github.tcpadapter.console.ConsoleAccess.Verdict.ALLOW;
import static io.github.tcpadapter.console.ConsoleAccess.Verdict.AUTHENTICATE;
import static io.github.tcpadapter.console.ConsoleAccess.Verdict.FORBID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConsoleAccessTest {

    private static final String[] LOCAL = {"127.0.0.1", "127.0.0.2", "::1", "0:0:0:0:0:0:0:1"};
    private static final String[] REMOTE = {"192.168.1.20", "10.0.0.1", "fe80::1", "::ffff:8.8.8.8", "", null,
        "localhost"};

    private final ConsoleAccess closed = new ConsoleAccess(false);
    private final ConsoleAccess localViewing = new ConsoleAccess(true);

    @Test
    void byDefaultEveryRequestNeedsTheRoleEvenFromTheServersOwnMachine() {
        for (String address : concat(LOCAL, REMOTE)) {
            assertThat(closed.of(address, false, false, false, false)).as(address).isEqualTo(AUTHENTICATE);
            assertThat(closed.of(address, false, false, true, false)).as(address).isEqualTo(FORBID);
            assertThat(closed.of(address, false, false, true, true)).as(address).isEqualTo(ALLOW);
        }
    }

    @Test
    void withLocalViewingTheServersOwnMachineLooksWithoutSigningIn() {
        for (String local : LOCAL) {
            assertThat(localViewing.of(local, false, false, false, false)).as(local).isEqualTo(ALLOW);
        }
        for (String remote : REMOTE) {
            assertThat(localViewing.of(remote, false, false, false, false)).as(remote).isEqualTo(AUTHENTICATE);
            assertThat(localViewing.of(remote, false, false, true, false)).as(remote).isEqualTo(FORBID);
            assertThat(localViewing.of(remote, false, false, true, true)).as(remote).isEqualTo(ALLOW);
        }
    }

    @Test
    void aForwardedRequestIsNeverLocal() {
        assertThat(localViewing.of("127.0.0.1", true, false, false, false)).isEqualTo(AUTHENTICATE);
        assertThat(localViewing.of("::1", true, false, true, false)).isEqualTo(FORBID);
        assertThat(localViewing.of("127.0.0.1", true, false, true, true)).isEqualTo(ALLOW);
    }

    @Test
    void actingNeedsTheRoleEvenLocally() {
        assertThat(localViewing.of("127.0.0.1", false, true, false, false)).isEqualTo(AUTHENTICATE);
        assertThat(localViewing.of("127.0.0.1", false, true, true, false)).isEqualTo(FORBID);
        assertThat(localViewing.of("127.0.0.1", false, true, true, true)).isEqualTo(ALLOW);
        assertThat(localViewing.of("192.168.1.20", false, true, true, true)).isEqualTo(ALLOW);
    }

    @Test
    void theHeadersOfProxiesNameAForwardedClient() {
        for (String header : new String[] {"Forwarded", "X-Forwarded-For", "x-forwarded-host", "X-FORWARDED-PROTO",
                "X-Forwarded-Port", "X-Real-IP"}) {
            assertThat(ConsoleAccess.isForwarding(header)).as(header).isTrue();
        }
        for (String header : new String[] {"Host", "Origin", "Authorization", "X-Forwarded", "Forwarded-For"}) {
            assertThat(ConsoleAccess.isForwarding(header)).as(header).isFalse();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
