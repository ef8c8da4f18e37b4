package io.github.tcpadapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aHostWithoutPortTakesThePortProperty() throws Exception {
        assertThat(Target.parseAll("backend.example.com", 4000))
                .containsExactly(new Target("backend.example.com", 4000));
    }

    @Test
    void aListKeepsItsOrderAndMixesOwnAndDefaultPorts() throws Exception {
        assertThat(Target.parseAll(" a:1 , b ,c:3", 2))
                .containsExactly(new Target("a", 1), new Target("b", 2), new Target("c", 3));
    }

    @Test
    void ipv6AddressesWithAndWithoutPort() throws Exception {
        assertThat(Target.parseAll("[::1]:4000,::1,[fe80::1]", 5))
                .containsExactly(new Target("::1", 4000), new Target("::1", 5), new Target("fe80::1", 5));
        assertThat(new Target("::1", 4000)).hasToString("[::1]:4000");
        assertThat(new Target("a", 1)).hasToString("a:1");
    }

    @Test
    void everyEntryHasItsPortSoThePortPropertyIsNotNeeded() throws Exception {
        assertThat(Target.parseAll("a:1,b:2", null)).hasSize(2);
    }

    @Test
    void anEntryWithoutPortNeedsThePortProperty() {
        assertThatThrownBy(() -> Target.parseAll("a:1,b", null))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("port")
                .hasMessageContaining("'b'");
    }

    @Test
    void badPortsAndEmptyEntriesNameTheHostProperty() {
        assertThatThrownBy(() -> Target.parseAll("a:0", 1)).hasMessageContaining("host ('a:0')")
                .hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> Target.parseAll("a:x", 1)).hasMessageContaining("host ('a:x')");
        assertThatThrownBy(() -> Target.parseAll("a:1,,b:2", 1)).hasMessageContaining("has no host name");
        assertThatThrownBy(() -> Target.parseAll(" ", 1)).hasMessageContaining("host").hasMessageContaining("empty");
    }

    @Test
    void aBadDefaultPortNamesThePortProperty() {
        assertThatThrownBy(() -> Target.parseAll("a", 70_000))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("port ('70000')");
    }
}
