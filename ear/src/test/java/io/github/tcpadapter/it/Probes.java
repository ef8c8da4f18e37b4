package io.github.tcpadapter.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The test-only probe beans of {@code ear/src/probe/java} ({@code ProbeListener}, and {@code ContinuingProbeListener}
 * with {@code onError=CONTINUE}), added to the sample's EJB module. Maven compiles them apart from the tests and
 * this class adds them as files: loaded on the tests' class path they would fail, as the adapter's API is not there.
 */
final class Probes {

    static final String PROBE = "ProbeListener";
    static final String CONTINUING_PROBE = "ContinuingProbeListener";
    static final String MULTIPLEX_PROBE = "MultiplexProbe";
    // the beans of another application (SharedAdapterIT), not the sample's
    private static final String OTHER_APPLICATION = "/io/github/tcpadapter/probe/other";
    // the multiplexed factories' driver, which only their tests deploy (multiplexEar)
    private static final String MULTIPLEX = "/io/github/tcpadapter/probe/multiplex";
    // the client-mode probes, only where a test asks for them (linkEar)
    private static final String LINK = "/io/github/tcpadapter/probe/link";

    private Probes() {
    }

    /**
     * @param sample the sample EAR's builder, with any probe activation properties already set
     * @param probePort where {@code ProbeListener} listens
     * @param continuingProbePort where {@code ContinuingProbeListener} listens
     * @return the sample EAR with the probes in its EJB module
     */
    static EnterpriseArchive ear(SampleEar.Builder sample, int probePort, int continuingProbePort) {
        sample.activation(PROBE, "port", probePort)
                .activation(CONTINUING_PROBE, "port", continuingProbePort);
        if (!TestServer.current().inProcess()) {
            // the probes' reports reach the tests' JVM over TCP (ProbeLog)
            String control = ProbeControl.get().address();
            sample.envEntry(PROBE, "probeControl", control).envEntry(CONTINUING_PROBE, "probeControl", control);
        }
        EnterpriseArchive ear = sample.build();
        JavaArchive ejb = ear.getAsType(JavaArchive.class, SampleEar.EJB_MODULE);
        ejb.merge(ShrinkWrap.create(ExplodedImporter.class)
                .importDirectory(new File(System.getProperty("probe.classes")),
                        path -> !path.get().startsWith(OTHER_APPLICATION) && !path.get().startsWith(MULTIPLEX)
                                && !path.get().startsWith(LINK))
                .as(JavaArchive.class));
        ear.delete(SampleEar.EJB_MODULE);
        ear.addAsModule(ejb);
        return ear;
    }

    /**
     * @param sample the sample EAR's builder, with the client-mode probes' activation properties set
     *     ({@code LinkProbeListener}, {@code GreetedLinkProbeListener}: their {@code port} and {@code connectTo})
     * @return the sample EAR with only the client-mode probes in its EJB module
     */
    static EnterpriseArchive linkEar(SampleEar.Builder sample) {
        EnterpriseArchive ear = sample.build();
        JavaArchive ejb = ear.getAsType(JavaArchive.class, SampleEar.EJB_MODULE);
        ejb.merge(ShrinkWrap.create(ExplodedImporter.class)
                .importDirectory(new File(System.getProperty("probe.classes")),
                        path -> LINK.startsWith(path.get()) || path.get().startsWith(LINK))
                .as(JavaArchive.class));
        ear.delete(SampleEar.EJB_MODULE);
        ear.addAsModule(ejb);
        return ear;
    }

    /**
     * @param sample the sample EAR's builder, with the multiplexed factories {@code MultiplexProbe} calls already
     *     defined on it ({@link SampleEar.Builder#connectionFactory})
     * @param probePort where {@code MultiplexProbe} listens
     * @return the sample EAR with {@code MultiplexProbe} in its EJB module
     */
    static EnterpriseArchive multiplexEar(SampleEar.Builder sample, int probePort) {
        EnterpriseArchive ear = sample.activation(MULTIPLEX_PROBE, "port", probePort).build();
        JavaArchive ejb = ear.getAsType(JavaArchive.class, SampleEar.EJB_MODULE);
        ejb.merge(ShrinkWrap.create(ExplodedImporter.class)
                .importDirectory(new File(System.getProperty("probe.classes") + MULTIPLEX))
                .as(JavaArchive.class), "/io/github/tcpadapter/probe/multiplex");
        ear.delete(SampleEar.EJB_MODULE);
        ear.addAsModule(ejb);
        return ear;
    }
}
