package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.ingest.Fixtures;
import dev.aegan.ingest.SyntheticIdx;
import dev.aegan.ingest.ZeroBombs;
import dev.aegan.ingest.domain.Candidate;
import dev.aegan.ingest.domain.Rejection;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.aegan.ingest.RejectionAssert.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadReaderTest {
    private final UploadReader reader = new UploadReader(64, 64, 1000, 1_000_000);

    private static UploadFile file(String name, byte[] bytes) {
        return UploadFile.inMemory(name, bytes);
    }

    /** Both reads of an upload: its images, in upload order. */
    private static List<Candidate> decodeAll(UploadReader reader, List<UploadFile> files) {
        List<Candidate> images = new ArrayList<>();
        reader.read(reader.survey(files), images::add);
        return images;
    }

    private List<Candidate> decodeAll(List<UploadFile> files) {
        return decodeAll(reader, files);
    }

    /** {@code count} 2x2 images whose first pixel is {@code first + i}. */
    private static byte[] images(int first, int count) {
        byte[] pixels = new byte[count * 4];
        for (int i = 0; i < count; i++) {
            pixels[i * 4] = (byte) (first + i);
        }
        return Fixtures.idxImages(count, 2, 2, pixels);
    }

    private static byte[] labels(int first, int count) {
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (first + i);
        }
        return Fixtures.idxLabels(labels);
    }

    @Test
    void idxFilesPairByNamePrefixWhateverTheirOrder() {
        List<Candidate> images = decodeAll(List.of(
                file("t10k-labels-idx1-ubyte.gz", Fixtures.gzip(labels(100, 2))),
                file("train-images-idx3-ubyte.gz", Fixtures.gzip(images(0, 3))),
                file("t10k-images-idx3-ubyte", images(50, 2)),
                file("train-labels-idx1-ubyte", labels(10, 3))));
        assertEquals(5, images.size());
        int[] firstPixels = images.stream().mapToInt(c -> c.image().pixels()[0]).toArray();
        int[] labels = images.stream().mapToInt(Candidate::label).toArray();
        assertArrayEquals(new int[] {0, 1, 2, 50, 51}, firstPixels, "images in upload order");
        assertArrayEquals(new int[] {10, 11, 12, 100, 101}, labels, "each file with its own labels");
    }

    @Test
    void oneImagesAndOneLabelsFilePairWhateverTheirNames() {
        List<Candidate> images = decodeAll(List.of(file("a", images(0, 2)), file("b", labels(7, 2))));
        assertEquals(List.of(7, 8), images.stream().map(Candidate::label).toList());
        List<Candidate> unlabelled = decodeAll(List.of(file("request body", images(0, 2))));
        assertEquals(List.of(ImageBatch.UNLABELLED, ImageBatch.UNLABELLED),
                unlabelled.stream().map(Candidate::label).toList());
    }

    @Test
    void labelsThatDoNotMatchTheirImagesRefuseTheUpload() {
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH,
                () -> decodeAll(List.of(file("x-images", images(0, 3)), file("x-labels", labels(0, 2)))));
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH, () -> decodeAll(List.of(file("labels", labels(0, 2)))));
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH, () -> decodeAll(List.of(
                file("a-images", images(0, 2)), file("b-images", images(0, 2)),
                file("a-labels", labels(0, 2)), file("c-labels", labels(0, 2)))));
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH, () -> decodeAll(List.of(
                file("one", images(0, 2)), file("two", images(0, 2)), file("three", labels(0, 2)))));
    }

    @Test
    void malformedIdxFilesAreRefused() {
        byte[] whole = images(0, 3);
        byte[] truncated = Arrays.copyOf(whole, whole.length - 1);
        assertCode(RejectionCode.MALFORMED_IDX, () -> decodeAll(List.of(file("t", truncated))));
        byte[] trailing = Arrays.copyOf(whole, whole.length + 1);
        assertCode(RejectionCode.MALFORMED_IDX, () -> decodeAll(List.of(file("t", trailing))));
        byte[] floats = ByteBuffer.allocate(16 + 16).putInt(0x0d03).putInt(1).putInt(2).putInt(2).array();
        assertCode(RejectionCode.MALFORMED_IDX, () -> decodeAll(List.of(file("f", floats))));
        assertCode(RejectionCode.IMAGE_TOO_LARGE,
                () -> decodeAll(List.of(file("big", Fixtures.idxImages(1, 65, 1, new byte[65])))));
        assertCode(RejectionCode.UPLOAD_TOO_LARGE,
                () -> decodeAll(List.of(file("many", Fixtures.idxImages(1001, 1, 1, new byte[1001])))));
    }

    @Test
    void zipImagesAreLabelledByTheirFolderAndArchiveClutterIsSkipped() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("data/", new byte[0]);
        entries.put("data/dog/1.png", Fixtures.numberedPng(1, 4));
        entries.put("data/cat/2.png", Fixtures.numberedPng(2, 4));
        entries.put("3.png", Fixtures.numberedPng(3, 4));
        entries.put("__MACOSX/data/dog/._1.png", new byte[] {1, 2, 3});
        entries.put("data/.DS_Store", new byte[] {1, 2, 3});
        List<UploadFile> files = List.of(file("set.zip.gz", Fixtures.gzip(Fixtures.zip(entries))));
        UploadSurvey survey = reader.survey(files);
        assertEquals(List.of("cat", "dog"), survey.labelNames());
        assertEquals(List.of(
                new SkippedEntry("set.zip!/__MACOSX/data/dog/._1.png", "macOS archive metadata (__MACOSX)"),
                new SkippedEntry("set.zip!/data/.DS_Store", "hidden: '.DS_Store' starts with '.'")), survey.skipped());
        List<Candidate> images = decodeAll(files);
        assertEquals(3, images.size());
        assertEquals("dog", images.get(0).labelName().orElseThrow());
        assertEquals("cat", images.get(1).labelName().orElseThrow());
        assertEquals(false, images.get(2).hasLabel());
    }

    @Test
    void brokenArchivesUnknownFilesAndBombsAreRefused() {
        byte[] gz = Fixtures.gzip(images(0, 2));
        assertCode(RejectionCode.MALFORMED_ARCHIVE,
                () -> decodeAll(List.of(file("cut.gz", Arrays.copyOf(gz, gz.length - 8)))));
        Map<String, byte[]> entries = Map.of("readme.txt", "hello".getBytes());
        assertCode(RejectionCode.UNSUPPORTED_FORMAT, () -> decodeAll(List.of(file("z.zip", Fixtures.zip(entries)))));
        assertCode(RejectionCode.EMPTY_UPLOAD, () -> decodeAll(List.of(file("empty.zip", Fixtures.zip(Map.of())))));
        assertCode(RejectionCode.EMPTY_UPLOAD, () -> decodeAll(List.of()));
    }

    @Test
    void unpackedBytesCountAsTheyFlowOverArchivesAndSkippedEntries() {
        byte[] header = ByteBuffer.allocate(16).putInt(0x803).putInt(1000).putInt(64).putInt(64).array();
        assertCode(RejectionCode.UPLOAD_TOO_LARGE,
                () -> reader.survey(List.of(file("bomb.gz", ZeroBombs.gzip(header, 1000 * 64 * 64)))));
        // Zeros are no file format: refused at their first bytes, not unpacked further.
        assertCode(RejectionCode.UNSUPPORTED_FORMAT,
                () -> reader.survey(List.of(file("zeros.gz", ZeroBombs.gzip(new byte[0], 400L << 20)))));
        // 600 KB skipped and 600 KB read: neither is over the budget of 1 MB, together they are.
        byte[] zip = ZeroBombs.zip(List.of(new ZeroBombs.Entry(".cache/blob", new byte[0], 600_000),
                new ZeroBombs.Entry("x-images", ByteBuffer.allocate(16).putInt(0x803).putInt(600).putInt(32)
                        .putInt(32).array(), 600 * 32 * 32)));
        assertCode(RejectionCode.UPLOAD_TOO_LARGE, () -> reader.survey(List.of(file("set.zip", zip))));
        assertEquals(600, new UploadReader(64, 64, 1000, 2_000_000).survey(List.of(file("set.zip", zip))).imageCount());
    }

    @Test
    void zipEntriesThatHideOrClimbOutAreSkippedWithTheirReasonAndNeverBecomeLabels() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("../evil/1.png", Fixtures.numberedPng(1, 4));
        entries.put("cats/../dogs/2.png", Fixtures.numberedPng(2, 4));
        entries.put(".git/objects/3.png", Fixtures.numberedPng(3, 4));
        entries.put("birds/.4.png", Fixtures.numberedPng(4, 4));
        entries.put("birds/5.png", Fixtures.numberedPng(5, 4));
        List<UploadFile> files = List.of(file("set.zip", Fixtures.zip(entries)));
        UploadSurvey survey = reader.survey(files);
        assertEquals(List.of("birds"), survey.labelNames());
        assertEquals(1, survey.imageCount());
        assertEquals(List.of(
                new SkippedEntry("set.zip!/../evil/1.png", "its path climbs out of the archive with '..'"),
                new SkippedEntry("set.zip!/cats/../dogs/2.png", "its path climbs out of the archive with '..'"),
                new SkippedEntry("set.zip!/.git/objects/3.png", "hidden: '.git' starts with '.'"),
                new SkippedEntry("set.zip!/birds/.4.png", "hidden: '.4.png' starts with '.'")), survey.skipped());
        assertEquals(4, survey.skippedCount());
        List<Candidate> images = decodeAll(files);
        assertEquals(List.of("birds"), images.stream().map(c -> c.labelName().orElseThrow()).toList());

        Map<String, byte[]> onlyHidden = Map.of("__MACOSX/._a.png", Fixtures.numberedPng(1, 4));
        Rejection empty = assertThrows(Rejection.class,
                () -> reader.survey(List.of(file("mac.zip", Fixtures.zip(onlyHidden)))));
        assertEquals(RejectionCode.EMPTY_UPLOAD, empty.code());
        assertTrue(empty.getMessage().contains("__MACOSX"), empty.getMessage());
    }

    /**
     * 100,000 images of 64x64: 410 MB, more than this JVM's heap may hold next to its copies
     * (surefire runs it with -Xmx512m). Both reads stream it, one image at a time.
     */
    @Test
    void anIdxFileLargerThanTheHeapStreamsImageByImage() {
        int count = 100_000;
        UploadFile huge = new UploadFile("huge-images", () -> SyntheticIdx.images(count, 64, 64));
        UploadFile labels = file("huge-labels", SyntheticIdx.labels(count));
        UploadReader large = new UploadReader(64, 64, count, 1L << 30);
        UploadSurvey survey = large.survey(List.of(huge, labels));
        assertEquals(count, survey.imageCount());
        int[] seen = {0};
        large.read(survey, candidate -> {
            int index = seen[0]++;
            byte[] pixels = candidate.image().pixels();
            assertEquals(index, SyntheticIdx.indexOf(pixels, 0));
            assertEquals(SyntheticIdx.label(index), candidate.label());
            if (index % 9973 == 0) {
                assertArrayEquals(SyntheticIdx.pixels(index, 64, 64), pixels);
            }
        });
        assertEquals(count, seen[0]);
    }
}
