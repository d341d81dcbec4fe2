package dev.aegan.gallery;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.UnitIntervalImages;
import dev.aegan.evaluation.images.Images;
import dev.aegan.evaluation.metrics.MetricNames;
import dev.aegan.evaluation.metrics.NearestNeighbours;
import dev.aegan.evaluation.metrics.NearestTrainingImages;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.browser.HeadlessChromium;
import dev.aegan.models.core.ImageShape;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run page's interpolation strips and nearest training images of a VAE trained in the test, in a
 * real headless Chromium; saves screenshots of both views under {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryCheckpointViewsPageTest {
    private static final ImageShape SHAPE = new ImageShape(1, TestImages.SIDE, TestImages.SIDE);
    private static final int TRAIN = 600;
    private static final int HELD_OUT = 32;
    private static final int BATCH = 32;
    private static final int STEP = 60;
    /** The gallery's and metrics-service's default seed of the samples' codes. */
    private static final long SAMPLE_SEED = 20240601;
    private static final int QUERIES = 8;
    private static final int NEIGHBOURS = 5;
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void showsTheInterpolationStripsAndTheNearestTrainingImagesOnceJudged() throws Exception {
        String dataset = "checkpoint-views";
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, "checkpoint-views-run", null, "vae", dataset, 7, STEP, BATCH, STEP,
                Map.of("latentDim", 16, "learningRate", 0.004));
        byte[] images = TestImages.load(TRAIN + HELD_OUT);
        int size = SHAPE.pixelsPerImage();
        byte[] train = Arrays.copyOfRange(images, 0, TRAIN * size);
        byte[] heldOut = Arrays.copyOfRange(images, TRAIN * size, (TRAIN + HELD_OUT) * size);

        try (TestPlatform platform = new TestPlatform(store, GalleryPageTest.bootstrapServers());
             TrainingRun training = new TrainingRun(spec.model(), SHAPE, train, BATCH, spec.hyperparameters(),
                     spec.seed())) {
            platform.publishImages(dataset, Split.TRAIN, SHAPE, train);
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, heldOut);
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, TRAIN, HELD_OUT);
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.running, 0, null));
            for (int i = 0; i < STEP; i++) {
                training.step();
            }
            platform.publishCheckpoint(spec, STEP, true, training.snapshot());
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.finished, STEP, null));

            try (HeadlessChromium browser = HeadlessChromium.start(1400, 3400)) {
                ChromeDriver driver = browser.driver();
                driver.get(page + "#run=" + spec.runId());
                GalleryPageTest.awaitGrid(driver, "interpolations", STEP);
                GalleryPageTest.awaitGrid(driver, "prior-interpolations", STEP);
                GalleryPageTest.wait(driver).until(d -> "not-evaluated".equals(
                        driver.findElement(By.id("neighbours-status")).getDomAttribute("data-state")));
                assertTrue(driver.findElement(By.id("neighbours-status")).getText().startsWith("Not evaluated yet"));
                given().get("/api/runs/" + spec.runId() + "/neighbours/" + STEP).then().statusCode(404)
                        .body("code", equalTo("NEIGHBOURS_NOT_EVALUATED"));
                screenshot(driver, "neighbours-card", "neighbours-not-evaluated.png");

                // what metrics-service stores when it judges the checkpoint, then its evaluations
                NearestNeighbours stored = nearestTrainingImages(spec, training.samples(SAMPLE_SEED, QUERIES), train);
                store.ensureBucket("metrics");
                store.putVerified("metrics", NearestNeighbours.key(spec.runId(), STEP), EventJson.write(stored),
                        "application/json");
                platform.sendEvent(Topics.EVALUATIONS, spec.runId(), new EvaluationEvent(EvaluationEvent.SCHEMA,
                        spec.runId(), spec.group(), STEP, MetricNames.PIXEL_MEMORISATION, 0.4, MetricNames.PIXELS,
                        QUERIES, "metrics-service", Instant.now()));

                GalleryPageTest.wait(driver).until(d -> driver.findElements(By.cssSelector("#neighbours .neighbour-row")).size() == QUERIES);
                assertEquals(1 + NEIGHBOURS, driver.findElements(
                        By.cssSelector("#neighbours .neighbour-row:first-child canvas")).size());
                NearestNeighbours.Neighbour nearest = stored.spaces().get(0).queries().get(0).neighbours().get(0);
                assertEquals(grey(Arrays.copyOfRange(train, nearest.trainingIndex() * size,
                        (nearest.trainingIndex() + 1) * size)), canvasGrey(driver, 1), "the nearest training image is drawn");
                assertEquals(grey(stored.spaces().get(0).queries().get(0).pixels()), canvasGrey(driver, 0),
                        "the sample is drawn");
                screenshot(driver, "interpolations-card", "interpolations.png");
                screenshot(driver, "neighbours-card", "neighbours.png");
            }
        }
        assertStripGrids(spec.runId(), heldOut);
    }

    /** What NearestTrainingImages finds for the samples among the training images, in pixel space. */
    private static NearestNeighbours nearestTrainingImages(RunSpec spec, byte[] samples, byte[] train) {
        Images generated = Images.fromDataset(images(samples));
        Images training = Images.fromDataset(images(train));
        NearestNeighbours.Space pixels = new NearestTrainingImages(QUERIES, NEIGHBOURS).nearest(MetricNames.PIXELS,
                features(generated), features(training), generated, training);
        return new NearestNeighbours(NearestNeighbours.SCHEMA, spec.runId(), STEP, spec.dataset(), 1, SHAPE.height(),
                SHAPE.width(), List.of(pixels));
    }

    private static DatasetImages images(byte[] pixels) {
        int n = pixels.length / SHAPE.pixelsPerImage();
        return new DatasetImages("checkpoint-views", Split.TRAIN, 1, SHAPE.height(), SHAPE.width(), pixels, new int[n]);
    }

    private static FeatureMatrix features(Images images) {
        UnitIntervalImages unit = images.toUnitInterval();
        return FeatureMatrix.ofFloats(unit.count(), SHAPE.pixelsPerImage(), unit.values());
    }

    private void assertStripGrids(String runId, byte[] heldOut) throws IOException {
        BufferedImage strips = grid(runId, "interpolations");
        // 4 strips of 8 decoded codes between the two originals, 28 x 28 enlarged twice, 2-pixel gaps
        assertEquals(2 + 10 * (56 + 2), strips.getWidth());
        assertEquals(2 + 4 * (56 + 2), strips.getHeight());
        // the first strip starts with the first held-out image and ends with the second
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(heldOut[y * 28 + x] & 0xFF, strips.getRGB(2 + 2 * x, 2 + 2 * y) & 0xFF);
                assertEquals(heldOut[784 + y * 28 + x] & 0xFF, strips.getRGB(2 + 9 * 58 + 2 * x, 2 + 2 * y) & 0xFF);
            }
        }
        BufferedImage prior = grid(runId, "priorInterpolations");
        assertEquals(2 + 8 * (56 + 2), prior.getWidth());
        assertEquals(2 + 4 * (56 + 2), prior.getHeight());
    }

    private static BufferedImage grid(String runId, String kind) throws IOException {
        byte[] png = given().get("/api/runs/" + runId + "/images/" + STEP + "/" + kind + ".png").then()
                .statusCode(200).contentType("image/png").extract().asByteArray();
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    private static List<Long> grey(byte[] pixels) {
        List<Long> values = new ArrayList<>();
        for (byte b : pixels) {
            values.add((long) (b & 0xFF));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static List<Long> canvasGrey(ChromeDriver driver, int index) {
        return (List<Long>) driver.executeScript(
                "const c = document.querySelectorAll('#neighbours .neighbour-row:first-child canvas')[arguments[0]];"
                        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "const out = []; for (let i = 0; i < d.length; i += 4) out.push(d[i]); return out;", index);
    }

    private static void screenshot(ChromeDriver driver, String id, String file) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(driver.findElement(By.id(id)).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(file),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
