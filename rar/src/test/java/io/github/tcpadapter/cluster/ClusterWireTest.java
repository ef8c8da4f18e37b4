package io.github.tcpadapter.cluster;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.tcpadapter.api.TcpSessionTraffic;
import io.github.tcpadapter.cluster.ClusterWire.Call;
import io.github.tcpadapter.cluster.ClusterWire.Closed;
import io.github.tcpadapter.cluster.ClusterWire.Hello;
import io.github.tcpadapter.cluster.ClusterWire.Operation;
import io.github.tcpadapter.cluster.ClusterWire.Outcome;
import io.github.tcpadapter.cluster.ClusterWire.Result;
import io.github.tcpadapter.cluster.ClusterWire.Snapshot;
import io.github.tcpadapter.cluster.spi.ClusterMember;
import io.github.tcpadapter.tls.TestCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The members' messages, as bytes and back. */
class ClusterWireTest {

    private final ClusterMember from = new ClusterMember("uuid-1", "instance1");

    @Test
    void aSessionCrossesWithItsAddressesCertificatesAndTrafficWithoutAskingANameServer() throws Exception {
        var client = TestCertificates.authority("client").chain()[0];
        SessionEntry entry = new SessionEntry("9002-abc", 9002, new ClusterMember("elsewhere", "x"),
                new InetSocketAddress(InetAddress.getByAddress("device.example", new byte[] {10, 0, 0, 7}), 40_123),
                InetSocketAddress.createUnresolved("unresolved.example", 19_002), Instant.ofEpochMilli(1_000),
                ISO_8859_1, List.of(client), 2_500, new TcpSessionTraffic(1, 2, 3, 4, Instant.ofEpochMilli(5_000)));

        Snapshot read = (Snapshot) ClusterWire.read(ClusterWire.write(new Snapshot(List.of(entry))), from);

        SessionEntry back = read.sessions().get(0);
        assertThat(back).usingRecursiveComparison().ignoringFields("member").isEqualTo(entry);
        assertThat(back.member()).as("the sender's").isEqualTo(from);
        assertThat(back.remoteAddress().getHostString()).isEqualTo("device.example");
        assertThat(back.localAddress().isUnresolved()).isTrue();
    }

    @Test
    void callsAndResultsKeepTheirPayloads() throws Exception {
        byte[] payload = {0, 1, 2, (byte) 255};
        Call call = (Call) ClusterWire.read(ClusterWire.write(new Call(7, Operation.REQUEST, "9002-x", 300, 12_345, payload)),
                from);
        Result result = (Result) ClusterWire.read(ClusterWire.write(new Result(7, Outcome.TIMED_OUT, "late",
                payload)), from);

        assertThat(call.id()).isEqualTo(7);
        assertThat(call.operation()).isEqualTo(Operation.REQUEST);
        assertThat(call.timeoutMillis()).isEqualTo(300);
        assertThat(call.deadline()).isEqualTo(12_345);
        assertThat(call.payload()).isEqualTo(payload);
        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.error()).isEqualTo("late");
        assertThat(result.payload()).isEqualTo(payload);
        assertThat(ClusterWire.read(ClusterWire.write(new Hello()), from)).isInstanceOf(Hello.class);
        assertThat(((Closed) ClusterWire.read(ClusterWire.write(new Closed("9002-y")), from)).sessionId())
                .isEqualTo("9002-y");
    }

    @Test
    void bytesOfAnotherVersionOrCutShortAreRefusedNotMisread() {
        byte[] call = ClusterWire.write(new Call(7, Operation.SEND, "9002-x", 300, 12_345, new byte[100]));
        byte[] otherVersion = call.clone();
        otherVersion[0] = 2;

        assertThatThrownBy(() -> ClusterWire.read(otherVersion, from)).isInstanceOf(IOException.class)
                .hasMessageContaining("wire version 2");
        assertThatThrownBy(() -> ClusterWire.read(Arrays.copyOf(call, call.length - 10), from))
                .isInstanceOf(IOException.class);
    }
}
