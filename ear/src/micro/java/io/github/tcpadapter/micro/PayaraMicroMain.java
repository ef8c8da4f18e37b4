package io.github.tcpadapter.micro;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;
import fish.payara.micro.boot.AdminCommandRunner;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Boots the Payara Micro of the container tests through its API, on 127.0.0.1 only, and registers
 * {@link PayaraMicroControlMBean} once it is up, which tells the tests it is ready. Started by the tests with
 * {@code payara-micro.jar} and these classes on its class path, on JDK 21 or newer, with the JDK's JMX agent on a
 * port of 127.0.0.1; it ends when the tests' JVM does.
 */
public final class PayaraMicroMain {

    /** The control MBean's name. */
    public static final String CONTROL = "io.github.tcpadapter.test:type=PayaraMicroControl";

    private static final String HTTP_LISTENER =
            "configs.config.server-config.network-config.network-listeners.network-listener.http-listener";

    private PayaraMicroMain() {
    }

    /**
     * @param args the HTTP port, the root directory (the domain Micro keeps across restarts), and the logging
     *     properties (where the log file is, and in which format)
     */
    public static void main(String[] args) throws BootstrapException, JMException {
        if (args.length != 3) {
            throw new IllegalArgumentException("Usage: PayaraMicroMain <http-port> <root-dir> <logging-properties>");
        }
        AtomicReference<AdminCommandRunner> commands = new AtomicReference<>();
        PayaraMicro micro = PayaraMicro.getInstance()
                .setHttpPort(Integer.parseInt(args[0]))
                .setRootDir(new File(args[1]))
                .setLogPropertiesFile(new File(args[2]))
                .setPrintLogo(false);
        micro.setNoCluster(true);
        micro.setPreBootHandler(runner -> runner.run("set", HTTP_LISTENER + ".address=127.0.0.1"));
        micro.setPostBootHandler(commands::set);
        PayaraMicroRuntime runtime = micro.bootStrap();
        ManagementFactory.getPlatformMBeanServer().registerMBean(
                new PayaraMicroControl(runtime, commands.get()), new ObjectName(CONTROL));
        Thread watch = new Thread(PayaraMicroMain::exitWithTheTests, "payara-micro-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    // the tests' JVM holds the other end of standard input: when it ends, even killed, so does Micro
    private static void exitWithTheTests() {
        try {
            while (System.in.read() >= 0) {
                // nothing is ever sent
            }
        } catch (IOException e) {
            // closed: the same
        }
        System.exit(0);
    }
}
