package io.github.tcpadapter.bench.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The EAR a benchmark deploys: the sample EAR as the build made it, plus an EJB module {@code bench-beans.jar} with
 * the benchmark's beans ({@code io.github.tcpadapter.bench.server}) and their library in {@code lib/}. The beans use
 * the adapter inside the EAR, as a user's beans would.
 */
final class BenchEar {

    private static final String BEANS = "io/github/tcpadapter/bench/server/";
    private static final String MODULE = "bench-beans.jar";

    private BenchEar() {
    }

    /**
     * @param sampleEar the built sample EAR
     * @param classes the benchmark's compiled classes
     * @param libraries jars the beans need, put in {@code lib/}
     * @param target where to write the EAR
     */
    static Path write(Path sampleEar, Path classes, List<Path> libraries, Path target) throws IOException {
        try (ZipFile sample = new ZipFile(sampleEar.toFile());
             ZipOutputStream ear = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry : sample.stream().toList()) {
                ear.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = sample.getInputStream(entry)) {
                    if (entry.getName().equals("META-INF/application.xml")) {
                        ear.write(withBeansModule(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    } else {
                        in.transferTo(ear);
                    }
                }
                ear.closeEntry();
            }
            ear.putNextEntry(new ZipEntry(MODULE));
            ear.write(beansJar(classes));
            ear.closeEntry();
            for (Path library : libraries) {
                ear.putNextEntry(new ZipEntry("lib/" + library.getFileName()));
                Files.copy(library, ear);
                ear.closeEntry();
            }
        }
        return target;
    }

    private static byte[] withBeansModule(String applicationXml) {
        int end = applicationXml.lastIndexOf("</application>");
        if (end < 0) {
            throw new IllegalStateException("the sample's application.xml has no </application>");
        }
        return (applicationXml.substring(0, end) + "  <module>\n    <ejb>" + MODULE + "</ejb>\n  </module>\n"
                + applicationXml.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] beansJar(Path classes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes);
             Stream<Path> files = Files.walk(classes.resolve(BEANS))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jar);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
