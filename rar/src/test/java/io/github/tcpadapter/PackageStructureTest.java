package io.github.tcpadapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tcpadapter.api.TcpSessions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules of the code's layout that the compiler does not check. */
class PackageStructureTest {

    // what the api jar holds (rar/pom.xml, execution api-jar): applications compile against it alone
    private static final List<String> API_PACKAGES = List.of("api", "management");
    private static final int MAX_CLASSES_PER_PACKAGE = 20;
    // a class name in a class file's constant pool: a class entry, a descriptor or a generic signature
    private static final Pattern OWN_CLASS = Pattern.compile("io/github/tcpadapter/([\\w/]+)/(\\w+)");

    @Test
    void theApiJarNamesNoClassOfTheImplementation() throws IOException {
        Path classes = classesDirectory();
        List<String> violations = new ArrayList<>();
        for (String api : API_PACKAGES) {
            try (Stream<Path> files = Files.walk(classes.resolve("io/github/tcpadapter/" + api))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    // the constant pool's class names are ASCII, so the bytes can be read as ISO-8859-1 text
                    Matcher name = OWN_CLASS.matcher(new String(Files.readAllBytes(file),
                            StandardCharsets.ISO_8859_1));
                    while (name.find()) {
                        String packageName = name.group(1);
                        if (API_PACKAGES.stream().noneMatch(p -> (packageName + "/").startsWith(p + "/"))) {
                            violations.add(classes.relativize(file) + " names " + name.group());
                        }
                    }
                }
            }
        }
        assertThat(violations).as("api jar classes naming the implementation").isEmpty();
    }

    @Test
    void noPackageHoldsMoreThanTwentyClasses() throws IOException {
        Map<String, Long> classesPerPackage;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            classesPerPackage = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                    .collect(Collectors.groupingBy(f -> f.getParent().toString(), TreeMap::new,
                            Collectors.counting()));
        }
        assertThat(classesPerPackage).as("classes per package of rar/src/main/java").isNotEmpty();
        assertThat(classesPerPackage).allSatisfy((directory, count) ->
                assertThat(count).as(directory).isLessThanOrEqualTo((long) MAX_CLASSES_PER_PACKAGE));
    }

    private static Path classesDirectory() {
        try {
            return Path.of(TcpSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
