package dev.aegan.gallery;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.browser.HeadlessChromium;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static dev.aegan.gallery.PageWaits.awaitText;
import static dev.aegan.gallery.PageWaits.text;
import static dev.aegan.gallery.PageWaits.waitOn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dataset's page in headless Chromium: its held-out images, counts per split and per label with
 * the class names its event carries, and the ingest records rejected for it, live.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryDatasetsTest {
    private static final String DATASET = "datasets-page";
    private static final int HELD_OUT = 12;
    private static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover");
    static final Path SCREENSHOT = Path.of("target", "screenshots", "dataset.png");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void showsADatasetsImagesCountsClassNamesAndRejectionsAndTakesInNewRejections() throws Exception {
        int side = TestImages.SIDE;
        int[] labels = new int[HELD_OUT];
        for (int i = 0; i < HELD_OUT; i++) {
            labels[i] = i % CLASSES.size();
        }
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            platform.publishBatch(new ImageBatch(DATASET, Split.HELDOUT, 1, side, side, TestImages.load(HELD_OUT),
                    labels));
            platform.sendEvent(Topics.DATASET_EVENTS, DATASET, new DatasetEvent(DatasetEvent.SCHEMA,
                    DatasetEvent.Type.created, DATASET, 1, side, side, Map.of("train", 0L, "heldout", (long) HELD_OUT),
                    CLASSES, Instant.now(), Map.of("0", 4L, "1", 4L, "2", 4L)));
            reject(platform, "UNDECODABLE_IMAGE", "not a PNG, JPEG or IDX image: starts with 0x00");
            reject(platform, "WRONG_SHAPE", "image is 3x32x32 (CxHxW) but dataset 'datasets-page' holds 1x28x28 images");

            TestPlatform.await("the dataset with its rejections", PageWaits.TIMEOUT, () -> given().get("/api/datasets")
                    .then().extract().jsonPath().getList("findAll { it.name == '" + DATASET + "' && it.rejected == 2 }")
                    .isEmpty() ? null : true);
            given().get("/api/datasets/" + DATASET + "/samples.png").then().statusCode(200).contentType("image/png");
            given().get("/api/datasets/no-such-data/samples.png").then().statusCode(404)
                    .body("code", equalTo("DATASET_NOT_FOUND"));

            try (HeadlessChromium browser = HeadlessChromium.start(1400, 1400)) {
                ChromeDriver driver = browser.driver();
                driver.get(page + "#dataset=" + DATASET);
                awaitText(driver, "#dataset-title", DATASET);
                waitOn(driver).withMessage(() -> "the held-out grid shown").until(d -> Boolean.TRUE.equals(
                        driver.executeScript("const img = document.getElementById('dataset-samples');"
                                + "return !img.hidden && img.complete && img.naturalWidth > 0;")));
                awaitText(driver, "#dataset-splits tr[data-split='heldout'] td.number", String.valueOf(HELD_OUT));
                for (int label = 0; label < CLASSES.size(); label++) {
                    String row = "#dataset-labels tr[data-label='" + label + "']";
                    assertEquals(CLASSES.get(label), text(driver, row + " td[data-field='name']"));
                    assertEquals("4", text(driver, row + " td[data-field='count']"));
                }
                awaitText(driver, "#dataset-rejections tr[data-reason='WRONG_SHAPE'] td.number", "1");
                assertEquals("WRONG_SHAPE image is 3x32x32 (CxHxW) but dataset 'datasets-page' holds 1x28x28 images",
                        text(driver, "#dataset-latest-rejected li:first-child"), "newest first, with its reason");

                reject(platform, "WRONG_SHAPE", "image is 1x14x14 (CxHxW) but dataset 'datasets-page' holds 1x28x28 images");
                awaitText(driver, "#dataset-rejections tr[data-reason='WRONG_SHAPE'] td.number", "2");
                awaitText(driver, "#dataset-latest-rejected li:first-child",
                        "WRONG_SHAPE image is 1x14x14 (CxHxW) but dataset 'datasets-page' holds 1x28x28 images");
                Files.createDirectories(SCREENSHOT.getParent());
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                        StandardCopyOption.REPLACE_EXISTING);

                driver.findElement(org.openqa.selenium.By.cssSelector("li.dataset-item[data-dataset='" + DATASET + "']"))
                        .click();
                assertEquals("#dataset=" + DATASET, driver.executeScript("return location.hash;"));

                RunSpec conditional = new RunSpec(RunSpec.SCHEMA, "datasets-page-c-idvae", null, "c-idvae", DATASET, 1,
                        20, 8, 10, Map.<String, Object>of("classes", CLASSES.size()));
                platform.sendEvent(Topics.RUN_EVENTS, conditional.runId(),
                        RunEvent.of(conditional, RunEvent.State.queued, 0, null));
                driver.get(page + "#run=" + conditional.runId());
                awaitText(driver, "#samples-classes", ", one class per row in label order: T-shirt/top, Trouser, Pullover");
            }
        }
    }

    private static void reject(TestPlatform platform, String code, String reason) {
        platform.send(Topics.INGEST_DEAD_LETTER, DATASET, "rejected record".getBytes(StandardCharsets.UTF_8),
                Map.of(IngestHeaders.DATASET, DATASET, DeadLetterHeaders.REASON_CODE, code,
                        DeadLetterHeaders.REASON, reason));
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
