package io.github.tcpadapter.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Deploys archives to Payara Micro through its control MBean, and keeps what each deployment became. Micro cannot
 * deploy an EAR: an EAR is deployed as a user of Micro deploys its parts, its RARs first (each under its file's
 * name, which the sample's descriptors name), then its EJB modules with {@code glassfish-resources.xml} inside (a
 * single module takes the EAR's name), then its web modules at their context roots, every module with the EAR's
 * libraries inside (Micro runs the health checks of web modules only); undeployed in reverse. Making the parts
 * fit a standalone RAR is the tests' business ({@link SampleEar}); this only splits.
 */
final class PayaraMicroDeployments {

    private static final Pattern WEB_MODULE = Pattern.compile(
            "<web-uri>\\s*([^<]+?)\\s*</web-uri>\\s*<context-root>\\s*([^<]*?)\\s*</context-root>");
    private static final String STRING = String.class.getName();

    private final MBeanServerConnection micro;
    private final Path dir;
    private final Map<String, Deque<String>> deployed = new ConcurrentHashMap<>();

    /**
     * @param micro Micro's MBeans
     * @param workDir where the parts are written, in {@code deployments/}
     */
    PayaraMicroDeployments(MBeanServerConnection micro, Path workDir) {
        this.micro = micro;
        this.dir = workDir.resolve("deployments");
    }

    /**
     * Deploys the archive's parts in order; undeploys those deployed if one fails.
     *
     * @param application the name of the application (of an EAR's EJB module), which {@link #undeploy} takes
     */
    void deploy(Archive<?> archive, String application) throws IOException, JMException {
        Deque<String> names = new ArrayDeque<>();
        try {
            for (Part part : parts(archive, application)) {
                micro.invoke(control(), "deploy",
                        new Object[] {part.name(), part.contextRoot(), part.file().toString()},
                        new String[] {STRING, STRING, STRING});
                names.push(part.name());
            }
        } catch (IOException | JMException | RuntimeException e) {
            undeployAll(names);
            throw e;
        }
        deployed.put(application, names);
    }

    /** Undeploys what {@link #deploy} deployed as that application, if anything. */
    void undeploy(String application) throws IOException, JMException {
        Deque<String> names = deployed.remove(application);
        if (names != null) {
            undeployAll(names);
        }
    }

    private void undeployAll(Deque<String> names) throws IOException, JMException {
        while (!names.isEmpty()) {
            micro.invoke(control(), "undeploy", new Object[] {names.pop()}, new String[] {STRING});
        }
    }

    private static ObjectName control() throws JMException {
        return new ObjectName(PayaraMicroProcess.CONTROL);
    }

    /** @return the archives to deploy, in order, written to the working directory */
    private List<Part> parts(Archive<?> archive, String application) throws IOException {
        Files.createDirectories(dir);
        if (!(archive instanceof EnterpriseArchive ear)) {
            Path file = dir.resolve(archive.getName());
            archive.as(ZipExporter.class).exportTo(file.toFile(), true);
            return List.of(new Part(application, "", file));
        }
        List<Part> connectors = new ArrayList<>();
        List<String> ejbModules = new ArrayList<>();
        List<String> webModules = new ArrayList<>();
        List<JavaArchive> libraries = new ArrayList<>();
        String applicationXml = text(ear.get("META-INF/application.xml"));
        for (Map.Entry<ArchivePath, Node> entry : ear.getContent().entrySet()) {
            String path = entry.getKey().get().substring(1);
            if (path.endsWith(".rar") && !path.contains("/")) {
                connectors.add(new Part(baseName(path), "", write(entry.getValue().getAsset(), path)));
            } else if (path.endsWith(".war") && !path.contains("/")) {
                webModules.add(path);
            } else if (path.endsWith(".jar") && !path.contains("/")) {
                ejbModules.add(path);
            } else if (path.startsWith("lib/") && path.endsWith(".jar")) {
                libraries.add(ShrinkWrap.create(JavaArchive.class, path.substring("lib/".length()))
                        .merge(ear.getAsType(JavaArchive.class, path)));
            }
        }
        List<Part> parts = new ArrayList<>(connectors);
        for (String module : ejbModules) {
            JavaArchive ejb = ear.getAsType(JavaArchive.class, module);
            libraries.forEach(library -> ejb.merge(library, path -> !path.get().equals("/META-INF/MANIFEST.MF")));
            Node resources = ear.get("META-INF/glassfish-resources.xml");
            if (resources != null) {
                ejb.add(resources.getAsset(), "META-INF/glassfish-resources.xml");
            }
            String name = ejbModules.size() == 1 ? application : baseName(module);
            Path file = dir.resolve(name + ".jar");
            ejb.as(ZipExporter.class).exportTo(file.toFile(), true);
            parts.add(new Part(name, "", file));
        }
        for (String module : webModules) {
            WebArchive war = ear.getAsType(WebArchive.class, module);
            libraries.forEach(war::addAsLibrary);
            Path file = dir.resolve(module);
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            parts.add(new Part(baseName(module), contextRoot(applicationXml, module), file));
        }
        return parts;
    }

    private static String contextRoot(String applicationXml, String webUri) {
        Matcher module = WEB_MODULE.matcher(applicationXml);
        while (module.find()) {
            if (module.group(1).equals(webUri)) {
                return module.group(2);
            }
        }
        return "/" + baseName(webUri);
    }

    private Path write(Asset asset, String fileName) {
        Path file = dir.resolve(fileName);
        try (InputStream in = asset.openStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Node node) throws IOException {
        if (node == null) {
            return "";
        }
        try (InputStream in = node.getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    /** One archive Micro deploys on its own. */
    private record Part(String name, String contextRoot, Path file) {
    }
}
