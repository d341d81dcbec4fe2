package dev.aegan.gallery;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every script and style sheet of the page stays small enough to read in one go. */
class PageFileSizeTest {
    private static final int MAX_LINES = 400;

    @Test
    void noJavaScriptOrCssFileOfThePageIsLongerThan400Lines() throws IOException {
        List<Path> files = PageFiles.endingWith(".js", ".css");
        assertFalse(files.isEmpty(), "the page's files are under " + PageFiles.ROOT.toAbsolutePath());
        List<String> tooLong = files.stream().filter(file -> lines(file) > MAX_LINES)
                .map(file -> PageFiles.ROOT.relativize(file) + " (" + lines(file) + " lines)").toList();
        assertEquals(List.of(), tooLong, "files over " + MAX_LINES + " lines; split them into modules");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
