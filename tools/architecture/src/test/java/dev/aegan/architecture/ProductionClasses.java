package dev.aegan.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The production classes of every module, and the packages their sources declare on disk. */
final class ProductionClasses {
    static final String ROOT_PACKAGE = "dev.aegan";

    /** Base packages of the five services: none may import another. */
    static final Set<String> SERVICE_PACKAGES = Set.of(
            "dev.aegan.ingest", "dev.aegan.trainer", "dev.aegan.metrics", "dev.aegan.critic", "dev.aegan.gallery");

    /** Base packages of the launcher, the benchmarks and the manifest generator, which may use services. */
    static final Set<String> TOOL_PACKAGES = Set.of("dev.aegan.local", "dev.aegan.bench", "dev.aegan.k8s");

    private static JavaClasses imported;

    private ProductionClasses() {
    }

    static synchronized JavaClasses all() {
        if (imported == null) {
            imported = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(ROOT_PACKAGE);
        }
        return imported;
    }

    /** Every package that some module's {@code src/main/java} holds a source file in. */
    static Set<String> packagesInSources() {
        Path root = Path.of(System.getProperty("aegan.project.root", "../.."));
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.toString().contains("/target/") && !file.toString().contains("/node_modules/"))
                    .forEach(file -> packageOf(file).ifPresent(packages::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }

    private static Optional<String> packageOf(Path source) {
        String path = source.toString().replace('\\', '/');
        int sources = path.indexOf("/src/main/java/");
        if (sources < 0) {
            return Optional.empty();
        }
        String relative = path.substring(sources + "/src/main/java/".length());
        int lastSlash = relative.lastIndexOf('/');
        return lastSlash < 0 ? Optional.empty()
                : Optional.of(relative.substring(0, lastSlash).replace('/', '.'));
    }
}
