package dev.aegan.gallery;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.evaluation.metrics.MetricNames;
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

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A run that follows its dataset: the step from which it drew from more images, which its
 * checkpoints record, is in the run data the page loads and marked on the loss chart.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryDataArrivalsTest {
    private static final ImageShape SHAPE = new ImageShape(1, TestImages.SIDE, TestImages.SIDE);
    private static final int TRAIN = 200;
    private static final int BATCH = 16;
    private static final int ARRIVAL = 20;
    /** Where the screenshot of the marked loss chart is kept for people to look at. */
    static final Path SCREENSHOT = Path.of("target", "screenshots", "data-arrivals.png");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void theLossChartMarksTheStepFromWhichTheRunDrewFromNewImages() throws Exception {
        String dataset = "gallery-follow";
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, "gallery-follow-run", null, "vae", dataset, 3, 2 * ARRIVAL, BATCH,
                ARRIVAL, Map.of("latentDim", 8), null, true);
        byte[] images = TestImages.load(TRAIN);
        DataSeen.DataArrival start = new DataSeen.DataArrival(0, Map.of("train", TRAIN / 2L, "heldout", 0L));
        DataSeen.DataArrival arrival = new DataSeen.DataArrival(ARRIVAL, Map.of("train", (long) TRAIN, "heldout", 0L));
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers());
             TrainingRun training = new TrainingRun(spec.model(), SHAPE,
                     Arrays.copyOf(images, TRAIN / 2 * SHAPE.pixelsPerImage()), BATCH, spec.hyperparameters(), spec.seed())) {
            platform.publishImages(dataset, Split.TRAIN, SHAPE, images);
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, TRAIN, 0);
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.running, 0, null));
            platform.publishSteps(training, spec, ARRIVAL, 2000.0);
            platform.publishCheckpoint(spec, ARRIVAL, false, training.snapshot(),
                    new DataSeen(arrival.countsBySplit(), "0".repeat(64), List.of(start, arrival)));
            platform.publishSteps(training, spec, ARRIVAL, 2000.0);
            for (long step : new long[] {ARRIVAL / 2, 2L * ARRIVAL}) {
                platform.sendEvent(Topics.EVALUATIONS, spec.runId(), new EvaluationEvent(EvaluationEvent.SCHEMA,
                        spec.runId(), spec.group(), step, MetricNames.RECONSTRUCTION_MSE, 0.05, MetricNames.PIXELS,
                        8, "metrics-service", Instant.now()));
            }

            try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
                ChromeDriver driver = browser.driver();
                driver.get(page + "#run=" + spec.runId());
                new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> String.valueOf(ARRIVAL).equals(
                        driver.findElement(By.id("loss-chart")).getDomAttribute("data-markers")));
                // and on every metric chart
                new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> d.findElements(By.cssSelector(
                        ".small-chart[data-key='reconstruction_mse|pixels'] canvas[data-markers='" + ARRIVAL + "']"))
                        .size() == 1);
                Files.createDirectories(SCREENSHOT.getParent());
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        given().get("/api/runs/" + spec.runId()).then().statusCode(200)
                .body("dataArrivals.step", equalTo(List.of(0, ARRIVAL)))
                .body("dataArrivals[1].countsBySplit.train", equalTo(TRAIN));
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
