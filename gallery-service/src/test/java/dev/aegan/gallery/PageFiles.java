package dev.aegan.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The page's files in the sources (tests run in the module's folder). */
final class PageFiles {
    static final Path ROOT = Path.of("src", "main", "resources", "META-INF", "resources");

    private PageFiles() {
    }

    /** The files under {@link #ROOT} whose names end with one of {@code suffixes}. */
    static List<Path> endingWith(String... suffixes) throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(file -> Arrays.stream(suffixes).anyMatch(file.toString()::endsWith)).sorted().toList();
        }
    }
}
