package dev.aegan.local.hostile;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hostile corpus and the README block as data, checked without a running stack. */
class HostileCorpusTest {
    private static final long MIB = 1024 * 1024;
    private static final Corpus CORPUS = Corpus.load(Corpus.RESOURCE);

    @Test
    void holdsAtLeast250CasesEachExpectingARefusal() {
        assertTrue(CORPUS.size() >= 250, "the corpus holds " + CORPUS.size() + " cases");
        CORPUS.restCases().forEach(hostile -> assertTrue(hostile.expectedStatus() >= 400, hostile.id()));
        assertTrue(CORPUS.topicCases().size() >= 20, "records on ingest.images: " + CORPUS.topicCases().size());
    }

    @Test
    void holdsTheCasesTheIssueNames() {
        Set<String> ids = new HashSet<>();
        CORPUS.restCases().forEach(hostile -> ids.add(hostile.id()));
        CORPUS.topicCases().forEach(hostile -> ids.add(hostile.id()));
        for (String required : List.of("run-group-markup-500", "run-group-traversal", "run-no-content-type",
                "trainer-get-run-dotdot-encoded", "trainer-stop-run-traversal", "metrics-memorisation-traversal",
                "critic-critic-traversal", "run-too-large-declared-json", "trainer-url-too-long",
                "upload-multipart-wrong-boundary", "upload-multipart-no-boundary", "upload-zip-only-dotfile",
                "upload-zip-entry-parent", "upload-gzip-bomb-400mb", "upload-zip-bomb-600mb",
                "upload-png-idat-bomb-200mb", "record-png-idat-bomb-200mb", "stop-cross-site-form-anonymous")) {
            assertTrue(ids.contains(required), "the corpus lost " + required);
        }
    }

    @Test
    void everyInputCanBeMadeAndNoCommittedFixtureIsOverOneMegabyte() throws IOException {
        for (Corpus.RestCase hostile : CORPUS.restCases()) {
            assertNotNull(Template.expandText(hostile.pathTemplate()), hostile.id());
            assertNotNull(Template.expand(hostile.bodyTemplate()), hostile.id());
        }
        for (Corpus.TopicCase hostile : CORPUS.topicCases()) {
            if (hostile.valueTemplate() != null) {
                assertNotNull(Template.expand(hostile.valueTemplate()), hostile.id());
            }
        }
        try (Stream<Path> fixtures = Files.walk(Path.of("src/test/resources/hostile"))) {
            fixtures.filter(Files::isRegularFile).forEach(fixture -> assertTrue(size(fixture) < MIB,
                    fixture + " is " + size(fixture) + " bytes: make large inputs with a Payloads generator"));
        }
    }

    @Test
    void bombsAreSmallAndExpandToWhatTheirNamesSay() throws IOException {
        byte[] gzip = Template.expand("${gen:gzipBomb}");
        byte[] zip = Template.expand("${gen:zipBomb}");
        byte[] png = Template.expand("${gen:pngIdatBomb}");
        for (byte[] bomb : List.of(gzip, zip, png)) {
            assertTrue(bomb.length < MIB, "a bomb of " + bomb.length + " bytes");
        }
        assertEquals(400 * MIB, count(new GZIPInputStream(new ByteArrayInputStream(gzip))));
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            assertNotNull(entries.getNextEntry());
            assertEquals(600 * MIB, count(entries));
        }
        ByteBuffer chunks = ByteBuffer.wrap(png);
        assertEquals(28, chunks.getInt(16), "IHDR width");
        assertEquals(28, chunks.getInt(20), "IHDR height");
        int idatLength = chunks.getInt(33);
        assertEquals("IDAT", new String(png, 37, 4, StandardCharsets.US_ASCII));
        assertEquals(200 * MIB, count(new InflaterInputStream(new ByteArrayInputStream(png, 41, idatLength))));
    }

    @Test
    void everyReadmeClientCommandHasAnExpectation() {
        List<String> commands = ReadmeCommands.read(Path.of("../..", "README.md"));
        assertTrue(commands.size() >= 8, "commands: " + commands);
        commands.forEach(ReadmeExpectation::of);
        assertTrue(commands.stream().anyMatch(command -> command.startsWith("s3cmd ")), "an s3cmd command");
        assertTrue(commands.stream().anyMatch(command -> command.startsWith("kcat ")), "a kcat command");
    }

    @Test
    void readmeAddressesAreSwappedForTheStacksAndNothingElseChanges() {
        String command = "kcat -b 127.0.0.1:9092 -P -t ingest.images -H dataset=my-set shirt.png";
        assertEquals("kcat -b localhost:41234 -P -t ingest.images -H dataset=my-set shirt.png",
                ReadmeCommands.localised(command, Map.of("127.0.0.1:9092", "localhost:41234")));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        return total;
    }
}
