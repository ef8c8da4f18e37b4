package io.github.tcpadapter.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.ResourceAdapterInternalException;
import org.junit.jupiter.api.Test;

/** The server instance's port offset, from the system property io.github.tcpadapter.portOffset. */
class PortOffsetTest {

    @Test
    void unsetMeansNoOffset() throws Exception {
        assertThat(TcpResourceAdapter.portOffset(null)).isZero();
        assertThat(TcpResourceAdapter.portOffset(" ")).isZero();
    }

    @Test
    void aNumberOfPortsIsTheOffset() throws Exception {
        assertThat(TcpResourceAdapter.portOffset("10000")).isEqualTo(10_000);
        assertThat(TcpResourceAdapter.portOffset(" 200 ")).isEqualTo(200);
    }

    @Test
    void anythingElseFailsTheStartNamingThePropertyAndTheValue() {
        for (String bad : new String[] {"-1", "65536", "ten", "1.5"}) {
            assertThatThrownBy(() -> TcpResourceAdapter.portOffset(bad))
                    .isInstanceOf(ResourceAdapterInternalException.class)
                    .hasMessageContaining("io.github.tcpadapter.portOffset").hasMessageContaining("'" + bad + "'");
        }
    }
}
