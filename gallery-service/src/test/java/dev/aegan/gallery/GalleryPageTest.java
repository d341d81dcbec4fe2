package dev.aegan.gallery;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.JudgingLag;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.browser.HeadlessChromium;
import dev.aegan.models.core.ImageShape;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page in a real headless Chromium, fed by a VAE trained in the test as a trainer would. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryPageTest {
    private static final ImageShape SHAPE = new ImageShape(1, TestImages.SIDE, TestImages.SIDE);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int TRAIN = 1000;
    private static final int HELD_OUT = 64;
    /** Small batches and few steps keep the test short on two cores; the grids are blurry but recognisable. */
    private static final int BATCH = 32;
    private static final int FIRST_CHECKPOINT = 60;
    private static final int SECOND_CHECKPOINT = 120;
    /** Where the screenshot of the page is kept for people to look at. */
    static final Path SCREENSHOT = Path.of("target", "gallery-screenshot.png");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void showsLossesSamplesReconstructionsAndEvaluationsAndFollowsNewCheckpointsWithoutReload() throws Exception {
        String dataset = "gallery-page";
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, "gallery-page-run", null, "vae", dataset, 7, SECOND_CHECKPOINT,
                BATCH, FIRST_CHECKPOINT, Map.of("latentDim", 16, "learningRate", 0.004));
        byte[] images = TestImages.load(TRAIN + HELD_OUT);
        int size = SHAPE.pixelsPerImage();
        byte[] train = Arrays.copyOfRange(images, 0, TRAIN * size);
        byte[] heldOut = Arrays.copyOfRange(images, TRAIN * size, (TRAIN + HELD_OUT) * size);

        try (TestPlatform platform = new TestPlatform(store, bootstrapServers());
             TrainingRun training = new TrainingRun(spec.model(), SHAPE, train, BATCH, spec.hyperparameters(),
                     spec.seed())) {
            platform.publishImages(dataset, Split.TRAIN, SHAPE, train);
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, heldOut);
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, TRAIN, HELD_OUT);
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.queued, 0, null));
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.running, 0, null));
            training.trainAndPublish(platform, spec, FIRST_CHECKPOINT);
            platform.publishCheckpoint(spec, FIRST_CHECKPOINT, false, training.snapshot());
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(),
                    RunEvent.of(spec, RunEvent.State.checkpointed, FIRST_CHECKPOINT, null));

            try (HeadlessChromium browser = HeadlessChromium.start(1400, 1750)) {
                ChromeDriver driver = browser.driver();
                driver.get(page + "#run=" + spec.runId());
                awaitGrid(driver, "samples", FIRST_CHECKPOINT);
                awaitGrid(driver, "reconstructions", FIRST_CHECKPOINT);
                long pointsBefore = awaitChartPoints(driver, 3L * FIRST_CHECKPOINT);
                assertEquals("3", driver.findElement(By.id("loss-chart")).getDomAttribute("data-lines"));
                driver.executeScript("window.sameDocument = 'still here';");

                training.trainAndPublish(platform, spec, SECOND_CHECKPOINT - FIRST_CHECKPOINT);
                platform.publishCheckpoint(spec, SECOND_CHECKPOINT, true, training.snapshot());
                Map<Integer, Double> mse = Map.of(FIRST_CHECKPOINT, 0.031, SECOND_CHECKPOINT, 0.022);
                Map<Integer, JudgingLag> lag = Map.of(FIRST_CHECKPOINT,
                        new JudgingLag(SECOND_CHECKPOINT - FIRST_CHECKPOINT, 75.0), SECOND_CHECKPOINT, new JudgingLag(0, 4.2));
                mse.forEach((step, value) -> platform.sendEvent(Topics.EVALUATIONS, spec.runId(), new EvaluationEvent(
                        EvaluationEvent.SCHEMA, spec.runId(), spec.group(), step, "reconstruction_mse", value, "pixels", HELD_OUT,
                        "metrics-service", Instant.now()).withLag(lag.get(step))));
                platform.sendEvent(Topics.RUN_EVENTS, spec.runId(),
                        RunEvent.of(spec, RunEvent.State.finished, SECOND_CHECKPOINT, null));

                awaitGrid(driver, "samples", SECOND_CHECKPOINT);
                awaitGrid(driver, "reconstructions", SECOND_CHECKPOINT);
                awaitChartPoints(driver, 3L * SECOND_CHECKPOINT);
                assertTrue(pointsBefore < 3L * SECOND_CHECKPOINT);
                wait(driver).until(d -> !driver.findElements(By.cssSelector("#evaluations tbody tr[data-step='" + SECOND_CHECKPOINT + "']"))
                        .isEmpty());
                wait(driver).until(d -> "finished".equals(driver.findElement(By.id("run-state")).getText().toLowerCase()));
                // the judge's lag as of its newest evaluation
                wait(driver).until(d -> driver.findElement(By.cssSelector("#judging-lag li[data-producer='metrics-service']"))
                        .getText().equals("metrics-service 0 steps · 4.2 s behind the trainer"));
                assertEquals("still here", driver.executeScript("return window.sameDocument;"),
                        "the page updated without reloading");
                assertEquals(2, driver.findElements(By.cssSelector("#step-select option")).size());

                Files.createDirectories(SCREENSHOT.getParent());
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }

        assertGridsServedFromTheBucket(spec.runId(), heldOut);
        given().get("/api/runs").then().statusCode(200).body("runId", hasItem(spec.runId()));
        given().get("/api/runs/" + spec.runId()).then().statusCode(200)
                .body("state", equalTo("finished")).body("step", equalTo(SECOND_CHECKPOINT));
        given().get("/api/runs/no-such-run").then().statusCode(404).body("code", equalTo("RUN_NOT_FOUND"));
        given().get("/api/runs/no-such-run/images/1/samples.png").then().statusCode(404)
                .body("code", equalTo("RUN_NOT_FOUND"));
        given().get("/api/runs/" + spec.runId() + "/images/7/samples.png").then().statusCode(404)
                .body("code", equalTo("CHECKPOINT_NOT_FOUND"));
    }

    private void assertGridsServedFromTheBucket(String runId, byte[] heldOut) throws IOException {
        byte[] samples = given().get("/api/runs/" + runId + "/images/" + SECOND_CHECKPOINT + "/samples.png").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        assertArrayEquals(store.get("gallery", String.format("%s/step-%08d/samples.png", runId, SECOND_CHECKPOINT))
                .orElseThrow(), samples);
        BufferedImage sampleGrid = ImageIO.read(new ByteArrayInputStream(samples));
        // 8 x 8 tiles of 28 x 28 enlarged twice, 2-pixel gaps
        assertEquals(2 + 8 * (56 + 2), sampleGrid.getWidth());
        assertEquals(2 + 8 * (56 + 2), sampleGrid.getHeight());

        byte[] pairs = given().get("/api/runs/" + runId + "/images/" + SECOND_CHECKPOINT + "/reconstructions.png")
                .then().statusCode(200).extract().asByteArray();
        BufferedImage pairGrid = ImageIO.read(new ByteArrayInputStream(pairs));
        // 32 pairs, 4 per row: original, 2-pixel gap, reconstruction, 8 pixels to the next pair
        assertEquals(2 + 4 * (56 + 2 + 56 + 8) - 8 + 2, pairGrid.getWidth());
        assertEquals(2 + 8 * (56 + 2), pairGrid.getHeight());
        // the first tile is the first held-out image, each pixel drawn as a 2 x 2 block
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int expected = heldOut[y * 28 + x] & 0xFF;
                for (int[] d : new int[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                    assertEquals(expected, pairGrid.getRGB(2 + 2 * x + d[0], 2 + 2 * y + d[1]) & 0xFF,
                            "pixel " + x + "," + y);
                }
            }
        }
    }

    private static WebDriverWait wait(ChromeDriver driver) {
        return new WebDriverWait(driver, TIMEOUT);
    }

    private static void awaitGrid(ChromeDriver driver, String id, int step) {
        wait(driver).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "const img = document.getElementById(arguments[0]);"
                        + "return !img.hidden && img.complete && img.naturalWidth > 0 && img.dataset.step === arguments[1];",
                id, String.valueOf(step))));
    }

    private static long awaitChartPoints(ChromeDriver driver, long atLeast) {
        return wait(driver).until(d -> {
            long points = Long.parseLong(driver.findElement(By.id("loss-chart")).getDomAttribute("data-points"));
            return points >= atLeast ? points : null;
        });
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
