package io.github.tcpadapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The listener's MXBean: registered while it runs, with the traffic it served, and its operations. */
class ListenerManagementTest extends ListenerTestSupport {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private ObjectName name() throws Exception {
        return new ObjectName("io.github.tcpadapter:type=Listener,port=" + port + ",name="
                + ObjectName.quote(EndpointName.of(endpoints)));
    }

    private Object attribute(String attribute) throws Exception {
        return server.getAttribute(name(), attribute);
    }

    @Test
    void showsTheTrafficWhileTheListenerRunsAndIsGoneAfter() throws Exception {
        startListener(spec -> spec.setMaxConnections(1));
        Socket client = client();
        for (int i = 0; i < 3; i++) {
            assertAnswered(client, "frame " + i);
        }
        registry.openSessions(port).iterator().next().send("pushed");
        assertThat(readLine(client)).isEqualTo("pushed");
        assertClosedOrReset(client()); // beyond maxConnections

        assertThat(attribute("Port")).isEqualTo(port);
        assertThat(attribute("Framing")).asString().startsWith("LINE");
        assertThat(attribute("Tls")).isEqualTo(false);
        assertThat(attribute("Listening")).isEqualTo(true);
        assertThat(attribute("OpenConnections")).isEqualTo(1);
        assertThat(attribute("AcceptedConnections")).isEqualTo(1L);
        awaitTrue("the refusal counted", () -> number("RefusedForMaxConnections") == 1);
        assertThat(attribute("FramesIn")).isEqualTo(3L);
        assertThat(attribute("RepliesOut")).isEqualTo(3L);
        assertThat(attribute("PushesOut")).isEqualTo(1L);
        assertThat(attribute("BytesIn")).isEqualTo(3L * "frame 0".length());
        assertThat(attribute("BytesOut")).isEqualTo(3L * "ok: frame 0".length() + "pushed".length());
        assertThat((Long) attribute("DeliveryMicrosP99")).isPositive()
                .isGreaterThanOrEqualTo((Long) attribute("DeliveryMicrosP50"));
        assertThat((Long) attribute("DeliveryMicrosP99LastMinute")).isPositive()
                .isGreaterThanOrEqualTo((Long) attribute("DeliveryMicrosP50LastMinute"));
        String[] sessions = (String[]) server.invoke(name(), "listSessions", new Object[0], new String[0]);
        assertThat(sessions).singleElement().asString().startsWith(port + "-").contains("/127.0.0.1:");

        String id = sessions[0].substring(0, sessions[0].indexOf(' '));
        assertThat(server.invoke(name(), "closeSession", new Object[] {id}, new String[] {"java.lang.String"}))
                .isEqualTo(true);
        assertClosedByServer(client);
        assertThat(endpoints.disconnected.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isNotNull();

        stopListener();
        assertThat(server.isRegistered(name())).isFalse();
    }

    @Test
    void aListenerThatFoundItsNameTakenLeavesTheOtherListenersMBean() throws Exception {
        startListener();
        // the same activation on the same port of another address: the MBean name is taken
        InboundListener second = new InboundListener(settings(spec -> spec.setBindAddress("127.0.0.2")), endpoints,
                workManager, registry);
        second.start();
        second.stop();

        assertThat(server.isRegistered(name())).isTrue();
        assertThat(attribute("BindAddress")).isEqualTo(LOCALHOST);
        stopListener();
        assertThat(server.isRegistered(name())).isFalse();
    }

    @Test
    void countsEachReplyBeforeTheClientCanReadIt() throws Exception {
        startListener();
        Socket client = client();
        for (int i = 1; i <= 300; i++) {
            assertAnswered(client, "frame");
            assertThat(attribute("RepliesOut")).as("after reply %d", i).isEqualTo((long) i);
        }
    }

    @Test
    void showsTheBacklogOfABusyBean() throws Exception {
        startListener(spec -> spec.setMaxPendingFrames(2));
        Socket client = client();
        send(client, "hold\n");
        assertThat(endpoints.holding.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
        send(client, "one\ntwo\n");
        awaitTrue("two frames wait", () -> number("PendingFrames") == 2);
        awaitTrue("reading paused", () -> number("PausedConnections") == 1);
        assertThat(attribute("DeliveriesRunning")).isEqualTo(1);

        endpoints.releaseHold.countDown();
        assertThat(readLine(client)).isEqualTo("ok: hold");
        assertThat(readLine(client)).isEqualTo("ok: one");
        assertThat(readLine(client)).isEqualTo("ok: two");
        awaitTrue("nothing waits", () -> number("PendingFrames") == 0 && number("PausedConnections") == 0
                && number("DeliveriesRunning") == 0);
    }

    private long number(String attribute) {
        try {
            return ((Number) attribute(attribute)).longValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
