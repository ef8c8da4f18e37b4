package io.github.tcpadapter.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's gateway when its backend is down: every call gets an error line, and the sample logs one line per
 * failed call, not a screen of stack traces. (Payara's connection pool adds two one-line warnings of its own per
 * failed allocation, {@code poolmgr.create_resource_error} and {@code poolmgr.get_connection_failure}; WildFly's
 * adds {@code IJ000604} with the adapter's exception and its stack trace, which the adapter cannot shorten.)
 */
@ExtendWith(ArquillianExtension.class)
class GatewayFailureIT {

    private static final int GATEWAY_PORT = FreePort.next();
    // nothing listens there: every connect is refused at once
    private static final int DEAD_BACKEND_PORT = FreePort.next();
    private static final int CALLS = 10;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return SampleEar.withPorts(FreePort.next(), GATEWAY_PORT, DEAD_BACKEND_PORT);
    }

    @BeforeAll
    static void deployed() {
        SampleEar.assertDeployed();
    }

    @Test
    void eachFailedCallIsOneLogLine() throws Exception {
        List<LogRecord> records;
        try (LogRecords log = LogRecords.on("", Level.INFO); LineClient client = new LineClient(GATEWAY_PORT)) {
            for (int i = 0; i < CALLS; i++) {
                assertThat(client.request("call " + i)).startsWith("error: ").contains("127.0.0.1:" + DEAD_BACKEND_PORT);
            }
            records = log.records();
        }
        List<LogRecord> ours = records.stream()
                .filter(record -> String.valueOf(record.getLoggerName()).startsWith("io.github.tcpadapter")).toList();
        long lines = records.stream().mapToLong(GatewayFailureIT::lines).sum();
        System.out.printf("gateway with its backend down on %s: %d/%d calls answered with an error; log: %d records"
                + " of the sample and the adapter, %d of the server's pool, %d lines in all%n",
                TestServer.current().name(), CALLS, CALLS, ours.size(), records.size() - ours.size(), lines);
        assertThat(ours).as("the sample's and the adapter's log records").hasSize(CALLS);
        assertThat(ours.stream().mapToLong(GatewayFailureIT::lines).sum()).as("their lines").isEqualTo(CALLS);
        if (TestServer.current().poolLogsFailuresBriefly()) {
            assertThat(lines).as("log lines, stack traces included").isEqualTo(records.size());
        }
    }

    /** @return how many lines a record prints: its message (a stack trace, read from a log file, included), and
     *     the stack trace of its exception if it has one */
    private static long lines(LogRecord record) {
        long lines = String.valueOf(record.getMessage()).lines().count();
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            lines += 1 + t.getStackTrace().length;
        }
        return lines;
    }
}
