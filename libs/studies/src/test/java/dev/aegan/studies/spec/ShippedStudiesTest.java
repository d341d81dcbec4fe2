package dev.aegan.studies.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.studies.plan.StudyPlanner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's study files travel with the library and are found by name, from classes or a jar. */
class ShippedStudiesTest {

    private static final Path STUDIES = Path.of(System.getProperty("aegan.studies.dir", "../../studies"));

    @Test
    void everyStudyFileOfTheRepositoryIsShippedUnderItsName() throws IOException {
        List<String> expected = StudyFiles.readAll(STUDIES).keySet().stream().sorted().toList();
        assertEquals(expected, ShippedStudies.names());
        for (String name : expected) {
            assertEquals(Files.readString(STUDIES.resolve(name + ".json")), ShippedStudies.json(name).orElseThrow());
            assertEquals(name, ShippedStudies.study(name).orElseThrow().name());
        }
        assertTrue(ShippedStudies.study("no-such-study").isEmpty());
    }

    @Test
    void aJarIsListedLikeADirectory(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("studies.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String entry : List.of("studies/b.json", "studies/a.json", "studies/reports/a.local.json",
                    "studies/notes.txt", "other/c.json")) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        assertEquals(List.of("a", "b"), ShippedStudies.namesAt(jar));
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("studies/reports"));
        for (String file : List.of("studies/b.json", "studies/a.json", "studies/notes.txt")) {
            try (OutputStream out = Files.newOutputStream(classes.resolve(file))) {
                out.write('x');
            }
        }
        assertEquals(List.of("a", "b"), ShippedStudies.namesAt(classes));
    }

    @Test
    void aStudySentAsAnObjectIsReadUnderItsStudyField() throws IOException {
        String json = Files.readString(STUDIES.resolve("appendix-b.json"));
        Study study = StudyFiles.parse(EventJson.MAPPER.readTree(json));
        assertEquals("appendix-b", study.name());
        assertEquals(StudyPlanner.plan(StudyFiles.parse("appendix-b.json", json), "local"), StudyPlanner.plan(study, "local"));
    }
}
