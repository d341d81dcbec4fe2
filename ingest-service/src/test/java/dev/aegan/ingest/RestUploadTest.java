package dev.aegan.ingest;

import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.DatasetEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class RestUploadTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Images of one split of a dataset as published, concatenated in topic order. */
    private record Published(List<byte[]> pixels, List<Integer> labels) {
        static Published of(List<ImageBatch> batches, Split split) {
            List<byte[]> pixels = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (ImageBatch batch : batches) {
                if (batch.split() != split) {
                    continue;
                }
                for (int i = 0; i < batch.count(); i++) {
                    pixels.add(Arrays.copyOfRange(batch.pixels(), i * batch.imageSize(), (i + 1) * batch.imageSize()));
                    labels.add(batch.labels()[i]);
                }
            }
            return new Published(pixels, labels);
        }
    }

    @Test
    void fashionMnistIdxFilesArriveWholeWithTheirLabelsAndADeterministicHeldOutSplit() {
        String dataset = unique("fashion");
        byte[] trainImages = Fixtures.fashionImages("train", 0, 300);
        byte[] trainLabels = Fixtures.fashionLabels("train", 0, 300);
        byte[] testImages = Fixtures.fashionImages("t10k", 0, 100);
        byte[] testLabels = Fixtures.fashionLabels("t10k", 0, 100);

        // Parts in an order that pairing by name must sort out; names as Debian ships them.
        given().multiPart("a", "t10k-labels-idx1-ubyte.gz", Fixtures.gzip(testLabels))
                .multiPart("b", "train-images-idx3-ubyte.gz", Fixtures.gzip(trainImages))
                .multiPart("c", "t10k-images-idx3-ubyte.gz", Fixtures.gzip(testImages))
                .multiPart("d", "train-labels-idx1-ubyte.gz", Fixtures.gzip(trainLabels))
                .when().post("/datasets/" + dataset)
                .then().statusCode(201)
                .body("dataset", equalTo(dataset))
                .body("created", equalTo(true))
                .body("channels", equalTo(1)).body("height", equalTo(28)).body("width", equalTo(28))
                .body("total", equalTo(400));

        // Expected content: upload order (train file before t10k file), split by the documented rule.
        Map<Split, List<byte[]>> expectedPixels = new LinkedHashMap<>();
        Map<Split, List<Integer>> expectedLabels = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            expectedPixels.put(split, new ArrayList<>());
            expectedLabels.put(split, new ArrayList<>());
        }
        for (int i = 0; i < 400; i++) {
            byte[] pixels = i < 300 ? Fixtures.idxImage(trainImages, i) : Fixtures.idxImage(testImages, i - 300);
            int label = i < 300 ? Fixtures.idxLabel(trainLabels, i) : Fixtures.idxLabel(testLabels, i - 300);
            Split split = HeldOutRule.expected(pixels);
            expectedPixels.get(split).add(pixels);
            expectedLabels.get(split).add(label);
        }
        int heldOut = expectedLabels.get(Split.HELDOUT).size();
        assertTrue(heldOut > 20 && heldOut < 60, "about 10% of 400 held out, got " + heldOut);

        List<ImageBatch> batches = KafkaProbe.batches(dataset);
        for (Split split : Split.values()) {
            Published published = Published.of(batches, split);
            assertEquals(expectedLabels.get(split), published.labels(), split + " labels in upload order");
            assertEquals(expectedPixels.get(split).size(), published.pixels().size(), split + " image count");
            for (int i = 0; i < published.pixels().size(); i++) {
                assertArrayEquals(expectedPixels.get(split).get(i), published.pixels().get(i), split + " image " + i);
            }
        }
        batches.forEach(batch -> assertEquals(dataset, batch.dataset()));

        List<DatasetEvent> events = KafkaProbe.events(dataset);
        assertEquals(1, events.size());
        DatasetEvent created = events.get(0);
        assertEquals(DatasetEvent.Type.created, created.type());
        assertEquals(Map.of("train", 400L - heldOut, "heldout", (long) heldOut), created.countsBySplit());
        assertEquals(List.of(1, 28, 28), List.of(created.channels(), created.height(), created.width()));

        given().get("/datasets/" + dataset).then().statusCode(200)
                .body("counts.train", equalTo(400 - heldOut))
                .body("counts.heldout", equalTo(heldOut));

        // The t10k images again, as one raw IDX body without labels: each lands in the split it did before.
        long heldOutOfTest = IntStream.range(0, 100)
                .filter(i -> HeldOutRule.expected(Fixtures.idxImage(testImages, i)) == Split.HELDOUT).count();
        given().contentType("application/gzip").body(Fixtures.gzip(testImages))
                .when().post("/datasets/" + dataset)
                .then().statusCode(200)
                .body("created", equalTo(false))
                .body("accepted.heldout", equalTo((int) heldOutOfTest))
                .body("counts.heldout", equalTo((int) (heldOut + heldOutOfTest)))
                .body("total", equalTo(500));
        List<DatasetEvent> after = KafkaProbe.events(dataset);
        assertEquals(2, after.size());
        assertEquals(DatasetEvent.Type.extended, after.get(1).type());
        assertEquals(500, after.get(1).total());
        assertEquals(heldOut + heldOutOfTest, after.get(1).countsBySplit().get("heldout"));
        List<ImageBatch> all = KafkaProbe.batches(dataset);
        assertEquals(500, all.stream().mapToInt(ImageBatch::count).sum());
        assertEquals(100, all.stream().flatMapToInt(batch -> Arrays.stream(batch.labels())).filter(l -> l == -1).count());
    }

    @Test
    void aPngIsOneImageAndLaterImagesMustMatchItsShapeUnlessFitted() {
        String dataset = unique("png");
        byte[] planes = new byte[3 * 5 * 7];
        new Random(1).nextBytes(planes);
        given().contentType("image/png").queryParam("label", 4).queryParam("split", "heldout")
                .body(Fixtures.rgbPng(5, 7, planes))
                .when().post("/datasets/" + dataset)
                .then().statusCode(201)
                .body("channels", equalTo(3)).body("height", equalTo(5)).body("width", equalTo(7))
                .body("accepted.heldout", equalTo(1))
                .body("accepted.train", equalTo(0));

        byte[] gray = new byte[5 * 7];
        Arrays.fill(gray, (byte) 200);
        given().contentType("image/png").body(Fixtures.grayPng(5, 7, gray))
                .when().post("/datasets/" + dataset)
                .then().statusCode(409)
                .body("code", equalTo("WRONG_SHAPE"))
                .body("message", containsString("1x5x7"));
        given().contentType("image/png").queryParam("resize", "fit").queryParam("split", "train")
                .body(Fixtures.grayPng(10, 14, new byte[10 * 14]))
                .when().post("/datasets/" + dataset)
                .then().statusCode(200)
                .body("counts.train", equalTo(1))
                .body("total", equalTo(2));

        List<ImageBatch> batches = KafkaProbe.batches(dataset);
        assertEquals(2, batches.size());
        ImageBatch first = batches.get(0);
        assertEquals(Split.HELDOUT, first.split());
        assertArrayEquals(planes, first.pixels(), "RGB planes C x H x W as drawn");
        assertEquals(4, first.labels()[0]);
        ImageBatch fitted = batches.get(1);
        assertEquals(List.of(3, 5, 7), List.of(fitted.channels(), fitted.height(), fitted.width()));
        assertArrayEquals(new byte[3 * 5 * 7], fitted.pixels(), "black gray image fitted to black RGB");
        assertEquals(-1, fitted.labels()[0]);
    }

    @Test
    void aZipOfImagesInFoldersIsLabelledByFolderName() {
        String dataset = unique("zip");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("shirt/a.png", Fixtures.numberedPng(1, 6));
        entries.put("clothes/boot/b.png", Fixtures.numberedPng(2, 6));
        entries.put("shirt/c.png", Fixtures.numberedPng(3, 6));
        entries.put("__MACOSX/shirt/._a.png", new byte[] {0, 5, 22, 7});
        entries.put("shirt/.DS_Store", new byte[] {0, 0, 0, 1});
        entries.put("../escape/x.png", Fixtures.numberedPng(9, 6));
        entries.put("sandal/d.png", Fixtures.numberedPng(4, 6));
        given().multiPart("archive", "images.zip", Fixtures.zip(entries), "application/zip")
                .queryParam("split", "train")
                .when().post("/datasets/" + dataset)
                .then().statusCode(201)
                .body("labelNames", contains("boot", "sandal", "shirt"))
                .body("total", equalTo(4))
                .body("skippedCount", equalTo(3))
                .body("skipped.entry", contains("images.zip!/__MACOSX/shirt/._a.png", "images.zip!/shirt/.DS_Store",
                        "images.zip!/../escape/x.png"))
                .body("skipped.reason", contains("macOS archive metadata (__MACOSX)",
                        "hidden: '.DS_Store' starts with '.'", "its path climbs out of the archive with '..'"));

        // A later zip keeps the indices given so far and appends new names.
        Map<String, byte[]> more = new LinkedHashMap<>();
        more.put("shirt/e.png", Fixtures.numberedPng(5, 6));
        more.put("bag/f.png", Fixtures.numberedPng(6, 6));
        given().contentType("application/zip").queryParam("split", "train").body(Fixtures.zip(more))
                .when().post("/datasets/" + dataset)
                .then().statusCode(200)
                .body("labelNames", contains("boot", "sandal", "shirt", "bag"));

        Map<Integer, Integer> labelById = new LinkedHashMap<>();
        for (ImageBatch batch : KafkaProbe.batches(dataset)) {
            for (int i = 0; i < batch.count(); i++) {
                labelById.put(Fixtures.numberOf(batch.pixels(), i * batch.imageSize()), batch.labels()[i]);
            }
        }
        assertEquals(Map.of(1, 2, 2, 0, 3, 2, 4, 1, 5, 2, 6, 3), labelById);
        List<DatasetEvent> events = KafkaProbe.events(dataset);
        assertEquals(List.of("boot", "sandal", "shirt", "bag"), events.get(events.size() - 1).labelNames());
    }

    @Test
    void idxLabelsTakeTheClassNamesGivenWithTheUploadAndBadNamesLoseNothingAccepted() {
        String dataset = unique("named");
        String names = "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot";
        byte[] images = Fixtures.fashionImages("t10k", 0, 50);
        byte[] labels = Fixtures.fashionLabels("t10k", 0, 50);
        given().multiPart("images", "t10k-images", images).multiPart("labels", "t10k-labels", labels)
                .queryParam("labelNames", names)
                .when().post("/datasets/" + dataset)
                .then().statusCode(201)
                .body("labelNames", contains(names.split(",")));
        DatasetEvent created = KafkaProbe.events(dataset).get(0);
        assertEquals(List.of(names.split(",")), created.labelNames(), "every consumer sees the names");
        Map<String, Long> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            byLabel.merge(String.valueOf(Fixtures.idxLabel(labels, i)), 1L, Long::sum);
        }
        assertEquals(byLabel, created.countsByLabel());

        byte[] more = Fixtures.fashionImages("t10k", 50, 10);
        byte[] moreLabels = Fixtures.fashionLabels("t10k", 50, 10);
        refused(given().multiPart("images", "x-images", more).multiPart("labels", "x-labels", moreLabels)
                .queryParam("labelNames", "Coat,Shirt").post("/datasets/" + dataset), 400, "INVALID_LABEL_NAMES");
        refused(given().multiPart("images", "x-images", more).multiPart("labels", "x-labels", moreLabels)
                .queryParam("labelNames", "a,,b").post("/datasets/" + dataset), 400, "INVALID_LABEL_NAMES");
        String other = unique("too-few-names");
        refused(given().multiPart("images", "x-images", more).multiPart("labels", "x-labels", moreLabels)
                .queryParam("labelNames", "T-shirt/top,Trouser").post("/datasets/" + other), 400, "INVALID_LABEL");
        given().get("/datasets/" + other).then().statusCode(404);
        given().get("/datasets/" + dataset).then().statusCode(200).body("total", equalTo(50))
                .body("labelNames", contains(names.split(",")));
        assertEquals(1, KafkaProbe.events(dataset).size(), "the refused uploads published nothing");
    }

    @Test
    void refusedUploadsPublishNothingAndAnswerWithAStableCode() {
        String dataset = unique("refusals");
        byte[] images = Fixtures.fashionImages("t10k", 200, 10);
        byte[] labels = Fixtures.fashionLabels("t10k", 200, 10);
        given().multiPart("images", "x-images", images).multiPart("labels", "x-labels", labels)
                .when().post("/datasets/" + dataset).then().statusCode(201).body("total", equalTo(10));

        byte[] png = Fixtures.grayPng(28, 28, Fixtures.idxImage(images, 0));
        byte[] corrupt = Arrays.copyOf(png, png.length / 2);
        refused(given().contentType("image/png").body(corrupt).post("/datasets/" + dataset), 400, "UNDECODABLE_IMAGE");
        refused(given().contentType("image/png").body(Fixtures.grayPng(16, 16, new byte[256]))
                .post("/datasets/" + dataset), 409, "WRONG_SHAPE");

        byte[] truncated = Arrays.copyOf(Fixtures.fashionImages("t10k", 300, 20), 16 + 20 * 784 - 392);
        refused(given().contentType("application/octet-stream").body(Fixtures.gzip(truncated))
                .post("/datasets/" + dataset), 400, "MALFORMED_IDX");
        refused(given().multiPart("i", "images", Fixtures.fashionImages("t10k", 300, 20))
                .multiPart("l", "labels", Fixtures.fashionLabels("t10k", 300, 19))
                .post("/datasets/" + dataset), 400, "LABEL_COUNT_MISMATCH");
        refused(given().contentType("application/octet-stream").body("not an image".getBytes())
                .post("/datasets/" + dataset), 415, "UNSUPPORTED_FORMAT");
        refused(given().contentType("application/octet-stream").body(new byte[0])
                .post("/datasets/" + dataset), 400, "EMPTY_UPLOAD");
        refused(given().contentType("image/png").queryParam("split", "validation").body(png)
                .post("/datasets/" + dataset), 400, "INVALID_SPLIT");
        refused(given().contentType("image/png").queryParam("resize", "stretch").body(png)
                .post("/datasets/" + dataset), 400, "INVALID_RESIZE");
        refused(given().contentType("image/png").body(png).post("/datasets/Not_Valid"), 400, "INVALID_DATASET_NAME");
        refused(given().urlEncodingEnabled(false).contentType("image/png").body(png).post("/datasets/..%2Fx"), 400,
                "INVALID_DATASET_NAME");
        refused(given().urlEncodingEnabled(false).get("/datasets/..%2F.."), 400, "INVALID_DATASET_NAME");

        // One bad file among good ones refuses the whole upload.
        given().multiPart("a", "a.png", Fixtures.grayPng(28, 28, Fixtures.idxImage(images, 1)))
                .multiPart("b", "b.png", Fixtures.grayPng(28, 28, Fixtures.idxImage(images, 2)))
                .multiPart("c", "c.png", corrupt)
                .when().post("/datasets/" + dataset)
                .then().statusCode(400).body("code", equalTo("UNDECODABLE_IMAGE")).body("message", containsString("c.png"));

        byte[] oversized = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(oversized);
        refused(given().contentType("application/octet-stream").body(oversized).post("/datasets/" + dataset),
                413, "UPLOAD_TOO_LARGE");
        refused(given().multiPart("big", "big.bin", oversized).post("/datasets/" + dataset), 413, "UPLOAD_TOO_LARGE");
        refused(given().contentType("application/octet-stream").body(new ByteArrayInputStream(oversized))
                .post("/datasets/" + dataset), 413, "UPLOAD_TOO_LARGE");
        String answer = answerBeforeBody(dataset, oversized.length);
        assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("\"code\":\"UPLOAD_TOO_LARGE\""), answer);

        given().multiPart("a", "a.png", Fixtures.grayPng(28, 28, Fixtures.idxImage(images, 3)))
                .multiPart("b", "b.png", Fixtures.grayPng(28, 28, Fixtures.idxImage(images, 4)))
                .when().post("/datasets/" + dataset)
                .then().statusCode(200).body("total", equalTo(12));

        assertEquals(12, KafkaProbe.batches(dataset).stream().mapToInt(ImageBatch::count).sum(),
                "exactly the accepted images are on the batches topic");
        List<DatasetEvent> events = KafkaProbe.events(dataset);
        assertEquals(2, events.size());
        assertEquals(12, events.get(1).total());
        given().get("/datasets/" + dataset).then().statusCode(200).body("total", equalTo(12));
        given().get("/datasets/" + unique("missing")).then().statusCode(404).body("code", equalTo("DATASET_NOT_FOUND"));
        given().get("/datasets").then().statusCode(200).body("dataset", hasItem(dataset));
    }

    @Test
    void multipartBodiesThatDoNotParseAreRefusedSayingWhy() {
        String dataset = unique("multipart");
        String body = "--abc\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n\r\n"
                + "not really a png\r\n--abc--\r\n";
        HttpResult wrongBoundary = post(dataset, "multipart/form-data; boundary=xyz", body);
        assertEquals(400, wrongBoundary.status(), wrongBoundary.body());
        assertTrue(wrongBoundary.body().contains("\"code\":\"MALFORMED_MULTIPART\"")
                && wrongBoundary.body().contains("boundary 'xyz'"), wrongBoundary.body());

        HttpResult cutShort = post(dataset, "multipart/form-data; boundary=abc", body.substring(0, body.length() - 12));
        assertEquals(400, cutShort.status(), cutShort.body());
        assertTrue(cutShort.body().contains("\"code\":\"MALFORMED_MULTIPART\""), cutShort.body());

        HttpResult noBoundary = post(dataset, "multipart/form-data", body);
        assertEquals(400, noBoundary.status(), noBoundary.body());
        assertTrue(noBoundary.body().contains("\"code\":\"MALFORMED_MULTIPART\"")
                && noBoundary.body().contains("names no boundary"), noBoundary.body());

        String noFiles = "--abc\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nhello\r\n--abc--\r\n";
        HttpResult fieldsOnly = post(dataset, "multipart/form-data; boundary=abc", noFiles);
        assertEquals(400, fieldsOnly.status(), fieldsOnly.body());
        assertTrue(fieldsOnly.body().contains("\"code\":\"EMPTY_UPLOAD\"")
                && fieldsOnly.body().contains("no file parts"), fieldsOnly.body());
        given().get("/datasets/" + dataset).then().statusCode(404);
    }

    private record HttpResult(int status, String body) {
    }

    /** A POST with a body and Content-Type exactly as given, which RestAssured would rewrite. */
    private static HttpResult post(String dataset, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/datasets/"
                        + dataset))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + LocalInfraTestResource.apiTokens().trainer())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpResult(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Sends only the headers of an oversized upload with {@code Expect: 100-continue}, as curl does
     * for large bodies, and returns the status line and body the service answers without the body.
     */
    private static String answerBeforeBody(String dataset, long length) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            String head = "POST /datasets/" + dataset + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void refused(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/json").body("code", equalTo(code));
    }
}
