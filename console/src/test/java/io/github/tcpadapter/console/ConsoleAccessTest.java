package io.github.tcpadapter.console;

import static io.github.tcpadapter.console.ConsoleAccess.Verdict.ALLOW;
import static io.github.tcpadapter.console.ConsoleAccess.Verdict.AUTHENTICATE;
import static io.github.tcpadapter.console.ConsoleAccess.Verdict.FORBID;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleAccessTest {

    @Test
    void theServersOwnMachineLooksWithoutSigningIn() {
        for (String local : new String[] {"127.0.0.1", "127.0.0.2", "::1", "0:0:0:0:0:0:0:1"}) {
            assertThat(ConsoleAccess.of(local, false, false, false)).as(local).isEqualTo(ALLOW);
        }
    }

    @Test
    void otherMachinesSignInWithTheRole() {
        for (String remote : new String[] {"192.168.1.20", "10.0.0.1", "fe80::1", "::ffff:8.8.8.8", "", null,
                "localhost"}) {
            assertThat(ConsoleAccess.of(remote, false, false, false)).as(remote).isEqualTo(AUTHENTICATE);
            assertThat(ConsoleAccess.of(remote, false, true, false)).as(remote).isEqualTo(FORBID);
            assertThat(ConsoleAccess.of(remote, false, true, true)).as(remote).isEqualTo(ALLOW);
        }
    }

    @Test
    void actingNeedsTheRoleEvenLocally() {
        assertThat(ConsoleAccess.of("127.0.0.1", true, false, false)).isEqualTo(AUTHENTICATE);
        assertThat(ConsoleAccess.of("127.0.0.1", true, true, false)).isEqualTo(FORBID);
        assertThat(ConsoleAccess.of("127.0.0.1", true, true, true)).isEqualTo(ALLOW);
        assertThat(ConsoleAccess.of("192.168.1.20", true, true, true)).isEqualTo(ALLOW);
    }
}
