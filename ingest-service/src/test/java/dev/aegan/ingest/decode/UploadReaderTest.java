package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.ingest.Fixtures;
import dev.aegan.ingest.domain.Candidate;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.aegan.ingest.RejectionAssert.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UploadReaderTest {
    private final UploadReader reader = new UploadReader(64, 64, 1000, 1_000_000);

    private static UploadReader.UploadFile file(String name, byte[] bytes) {
        return new UploadReader.UploadFile(name, bytes);
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
        UploadReader.Contents contents = reader.read(List.of(
                file("t10k-labels-idx1-ubyte.gz", Fixtures.gzip(labels(100, 2))),
                file("train-images-idx3-ubyte.gz", Fixtures.gzip(images(0, 3))),
                file("t10k-images-idx3-ubyte", images(50, 2)),
                file("train-labels-idx1-ubyte", labels(10, 3))));
        List<Candidate> images = contents.images();
        assertEquals(5, images.size());
        int[] firstPixels = images.stream().mapToInt(c -> c.image().pixels()[0]).toArray();
        int[] labels = images.stream().mapToInt(Candidate::label).toArray();
        assertArrayEquals(new int[] {0, 1, 2, 50, 51}, firstPixels, "images in upload order");
        assertArrayEquals(new int[] {10, 11, 12, 100, 101}, labels, "each file with its own labels");
    }

    @Test
    void oneImagesAndOneLabelsFilePairWhateverTheirNames() {
        List<Candidate> images = reader.read(List.of(file("a", images(0, 2)), file("b", labels(7, 2)))).images();
        assertEquals(List.of(7, 8), images.stream().map(Candidate::label).toList());
        List<Candidate> unlabelled = reader.read(List.of(file("request body", images(0, 2)))).images();
        assertEquals(List.of(ImageBatch.UNLABELLED, ImageBatch.UNLABELLED),
                unlabelled.stream().map(Candidate::label).toList());
    }

    @Test
    void labelsThatDoNotMatchTheirImagesRefuseTheUpload() {
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH,
                () -> reader.read(List.of(file("x-images", images(0, 3)), file("x-labels", labels(0, 2)))));
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH, () -> reader.read(List.of(file("labels", labels(0, 2)))));
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH, () -> reader.read(List.of(
                file("a-images", images(0, 2)), file("b-images", images(0, 2)),
                file("a-labels", labels(0, 2)), file("c-labels", labels(0, 2)))));
        assertCode(RejectionCode.LABEL_COUNT_MISMATCH, () -> reader.read(List.of(
                file("one", images(0, 2)), file("two", images(0, 2)), file("three", labels(0, 2)))));
    }

    @Test
    void malformedIdxFilesAreRefused() {
        byte[] whole = images(0, 3);
        byte[] truncated = Arrays.copyOf(whole, whole.length - 1);
        assertCode(RejectionCode.MALFORMED_IDX, () -> reader.read(List.of(file("t", truncated))));
        byte[] trailing = Arrays.copyOf(whole, whole.length + 1);
        assertCode(RejectionCode.MALFORMED_IDX, () -> reader.read(List.of(file("t", trailing))));
        byte[] floats = ByteBuffer.allocate(16 + 16).putInt(0x0d03).putInt(1).putInt(2).putInt(2).array();
        assertCode(RejectionCode.MALFORMED_IDX, () -> reader.read(List.of(file("f", floats))));
        assertCode(RejectionCode.IMAGE_TOO_LARGE,
                () -> reader.read(List.of(file("big", Fixtures.idxImages(1, 65, 1, new byte[65])))));
        assertCode(RejectionCode.UPLOAD_TOO_LARGE,
                () -> reader.read(List.of(file("many", Fixtures.idxImages(1001, 1, 1, new byte[1001])))));
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
        UploadReader.Contents contents = reader.read(List.of(file("set.zip.gz", Fixtures.gzip(Fixtures.zip(entries)))));
        assertEquals(List.of("cat", "dog"), contents.labelNames());
        List<Candidate> images = contents.images();
        assertEquals(3, images.size());
        assertEquals("dog", images.get(0).labelName().orElseThrow());
        assertEquals("cat", images.get(1).labelName().orElseThrow());
        assertEquals(false, images.get(2).hasLabel());
    }

    @Test
    void brokenArchivesUnknownFilesAndBombsAreRefused() {
        byte[] gz = Fixtures.gzip(images(0, 2));
        assertCode(RejectionCode.MALFORMED_ARCHIVE,
                () -> reader.read(List.of(file("cut.gz", Arrays.copyOf(gz, gz.length - 8)))));
        Map<String, byte[]> entries = Map.of("readme.txt", "hello".getBytes());
        assertCode(RejectionCode.UNSUPPORTED_FORMAT, () -> reader.read(List.of(file("z.zip", Fixtures.zip(entries)))));
        assertCode(RejectionCode.EMPTY_UPLOAD, () -> reader.read(List.of(file("empty.zip", Fixtures.zip(Map.of())))));
        assertCode(RejectionCode.EMPTY_UPLOAD, () -> reader.read(List.of()));
        byte[] bomb = Fixtures.gzip(new byte[2_000_000]);
        assertCode(RejectionCode.UPLOAD_TOO_LARGE, () -> reader.read(List.of(file("bomb.gz", bomb))));
    }
}
