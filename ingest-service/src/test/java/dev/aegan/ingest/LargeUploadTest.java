package dev.aegan.ingest;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.infra.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads far larger unpacked than they are sent, against the service's default limits (1 GiB
 * unpacked, 100,000 images) and with the test JVM's heap at 512 MiB (surefire's argLine), which
 * also holds the broker: each must stream through, or be refused with a code, never end in an
 * OutOfMemoryError.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class LargeUploadTest {
    private static final int MIB = 1 << 20;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] idxHeader(int count, int height, int width) {
        return ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(height).putInt(width).array();
    }

    /** 100,000 images of 48x48: 230 MB unpacked, under 2 MB gzipped; the upload that ran out of memory. */
    @Test
    void aHundredThousandImagesStreamThroughAndArriveOnceEach() {
        String dataset = unique("large");
        int count = 100_000;
        int size = 48;
        byte[] images = SyntheticIdx.gzippedImages(count, size, size);
        assertTrue(images.length < 4 * MIB, "sent under the test's 4 MiB upload limit: " + images.length);

        given().multiPart("images", "large-images-idx3-ubyte.gz", images)
                .multiPart("labels", "large-labels-idx1-ubyte.gz", Fixtures.gzip(SyntheticIdx.labels(count)))
                .when().post("/datasets/" + dataset)
                .then().statusCode(201)
                .body("total", equalTo(count))
                .body("height", equalTo(size)).body("width", equalTo(size));

        BitSet seen = new BitSet(count);
        long[] perSplit = new long[Split.values().length];
        KafkaProbe.forEachRecord(Topics.DATASET_BATCHES, record -> {
            if (!dataset.equals(KafkaProbe.string(record.key()))) {
                return;
            }
            ImageBatch batch = ImageBatchCodec.decode(record.value());
            for (int i = 0; i < batch.count(); i++) {
                byte[] pixels = Arrays.copyOfRange(batch.pixels(), i * batch.imageSize(), (i + 1) * batch.imageSize());
                int index = SyntheticIdx.indexOf(pixels, 0);
                assertFalse(seen.get(index), "image " + index + " published twice");
                seen.set(index);
                assertArrayEquals(SyntheticIdx.pixels(index, size, size), pixels, "image " + index);
                assertEquals(SyntheticIdx.label(index), batch.labels()[i], "label of image " + index);
                assertEquals(HeldOutRule.expected(pixels), batch.split(), "split of image " + index);
                perSplit[batch.split().ordinal()]++;
            }
        });
        assertEquals(count, seen.cardinality(), "every image published");

        List<DatasetEvent> events = KafkaProbe.events(dataset);
        assertEquals(1, events.size());
        assertEquals(DatasetEvent.Type.created, events.get(0).type());
        assertEquals(Map.of("train", perSplit[Split.TRAIN.ordinal()], "heldout", perSplit[Split.HELDOUT.ordinal()]),
                events.get(0).countsBySplit());
    }

    /** Batches go out while the upload is read: a refusal after some were sent aborts them with the rest. */
    @Test
    void aRefusalAfterBatchesWereSentLeavesNothingVisible() {
        String dataset = unique("aborted");
        byte[] png = Fixtures.numberedPng(1, 28);
        given().multiPart("images", "x-images-idx3-ubyte", Fixtures.read(SyntheticIdx.images(1000, 28, 28)))
                .multiPart("broken", "broken.png", Arrays.copyOf(png, png.length - 20))
                .when().post("/datasets/" + dataset)
                .then().statusCode(400)
                .body("code", equalTo("UNDECODABLE_IMAGE"))
                .body("message", containsString("broken.png"));
        given().get("/datasets/" + dataset).then().statusCode(404);
        assertTrue(KafkaProbe.batches(dataset).isEmpty(), "the batches sent before the refusal were aborted");
        assertTrue(KafkaProbe.events(dataset).isEmpty());
    }

    @Test
    void bombsAreRefusedWithACodeAsTheirBytesFlow() {
        String dataset = unique("bombs");
        // 408 KB of gzip, 400 MiB of zeros: no file format, refused at its first bytes.
        byte[] zeros = ZeroBombs.gzip(new byte[0], 400L * MIB);
        refused(given().contentType("application/gzip").body(zeros).post("/datasets/" + dataset),
                415, "UNSUPPORTED_FORMAT", "first bytes 0000000000000000");

        // An IDX header promising 100,000 images of 64x64 (410 MB) followed by one byte less: read to its end.
        long promised = 100_000L * 64 * 64;
        byte[] idx = ZeroBombs.gzip(idxHeader(100_000, 64, 64), promised - 1);
        refused(given().multiPart("images", "bomb-images.gz", idx).post("/datasets/" + dataset),
                400, "MALFORMED_IDX", "truncated");

        // A zip of 600 MB: one IDX entry of 100,000 images of 78x80, one byte short.
        byte[] zip = ZeroBombs.zip(List.of(new ZeroBombs.Entry("bomb/train-images-idx3-ubyte",
                idxHeader(100_000, 78, 80), 100_000L * 78 * 80 - 1)));
        refused(given().multiPart("archive", "bomb.zip", zip).post("/datasets/" + dataset),
                400, "MALFORMED_IDX", "truncated");

        // Two entries of 600 MiB, the first hidden and skipped: together past the 1 GiB guard.
        byte[] overGuard = ZeroBombs.zip(List.of(new ZeroBombs.Entry(".cache/blob", new byte[0], 600L * MIB),
                new ZeroBombs.Entry("train-images-idx3-ubyte", idxHeader(100_000, 80, 80), 600L * MIB)));
        refused(given().multiPart("archive", "guard.zip", overGuard).post("/datasets/" + dataset),
                413, "UPLOAD_TOO_LARGE", "expands to more than 1073741824 bytes");

        // A 28x28 PNG whose image data inflates to 200 MiB.
        byte[] png = Fixtures.grayPngWithImageData(28, 28, ZeroBombs.zlib(new byte[0], 200L * MIB));
        refused(given().contentType("image/png").body(png).post("/datasets/" + dataset),
                400, "UNDECODABLE_IMAGE", "inflates past the 812 bytes");

        given().get("/datasets/" + dataset).then().statusCode(404);
        assertTrue(KafkaProbe.batches(dataset).isEmpty(), "nothing published");
    }

    private static void refused(Response response, int status, String code, String message) {
        response.then().statusCode(status).contentType("application/json")
                .body("code", equalTo(code))
                .body("message", containsString(message));
    }
}
