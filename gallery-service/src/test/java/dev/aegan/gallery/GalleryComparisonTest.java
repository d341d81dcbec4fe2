package dev.aegan.gallery;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.aegan.gallery.PageWaits.awaitText;
import static dev.aegan.gallery.PageWaits.text;
import static dev.aegan.gallery.PageWaits.waitOn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A λ sweep of three λ-IJAE runs, trained in the test as a trainer would, compared in a real
 * headless Chromium: grouped in the run list, side by side under {@code /#group=<id>}, and a run
 * joining the sweep while the page is open.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryComparisonTest {
    private static final ImageShape SHAPE = new ImageShape(1, TestImages.SIDE, TestImages.SIDE);
    private static final String GROUP = "gallery-sweep";
    private static final String DATASET = "gallery-sweep-data";
    private static final int TRAIN = 256;
    private static final int HELD_OUT = 32;
    /** A few small steps of narrow networks: the test needs real losses and checkpoints, not good models. */
    private static final int BATCH = 16;
    private static final int STEPS = 4;
    private static final double[] LAMBDAS = {0.1, 0.5, 0.9};
    /** Held-out reconstruction MSE the metrics service would report for each run, made distinct. */
    private static final double[] MSE = {0.041, 0.032, 0.027};
    private static final String MSE_SERIES = "evaluation:reconstruction_mse|pixels";
    /** Where the screenshot of the comparison is kept for people to look at. */
    static final Path SCREENSHOT = Path.of("target", "gallery-comparison-screenshot.png");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void comparesTheRunsOfASweepSideBySideAndTakesInARunThatJoinsWhileOpen() throws Exception {
        List<RunSpec> specs = IntStream.range(0, LAMBDAS.length).mapToObj(i -> new RunSpec(RunSpec.SCHEMA,
                GROUP + "-" + (i + 1), GROUP, "lambda-ijae", DATASET, 3, STEPS, BATCH, STEPS,
                Map.<String, Object>of("channels", 8, "latentDim", 8, "noiseDim", 8, "lambda", LAMBDAS[i]))).toList();
        byte[] images = TestImages.load(TRAIN + HELD_OUT);
        int size = SHAPE.pixelsPerImage();
        byte[] train = Arrays.copyOfRange(images, 0, TRAIN * size);
        byte[] heldOut = Arrays.copyOfRange(images, TRAIN * size, (TRAIN + HELD_OUT) * size);

        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            platform.publishImages(DATASET, Split.TRAIN, SHAPE, train);
            platform.publishImages(DATASET, Split.HELDOUT, SHAPE, heldOut);
            platform.publishDatasetEvent(DATASET, DatasetEvent.Type.created, SHAPE, TRAIN, HELD_OUT);
            trainAndPublish(platform, specs.get(0), train, MSE[0]);
            trainAndPublish(platform, specs.get(1), train, MSE[1]);

            try (HeadlessChromium browser = HeadlessChromium.start(1400, 2200)) {
                ChromeDriver driver = browser.driver();
                driver.get(page + "#group=" + GROUP);
                for (int i = 0; i < 2; i++) {
                    awaitText(driver, mseCell(specs.get(i)), String.valueOf(MSE[i]));
                    awaitGrid(driver, "samples", specs.get(i));
                    awaitGrid(driver, "reconstructions", specs.get(i));
                }
                awaitAttribute(driver, "data-lines", "2");
                driver.executeScript("window.sameDocument = 'still here';");

                trainAndPublish(platform, specs.get(2), train, MSE[2]);

                awaitText(driver, mseCell(specs.get(2)), String.valueOf(MSE[2]));
                awaitGrid(driver, "samples", specs.get(2));
                awaitGrid(driver, "reconstructions", specs.get(2));
                awaitAttribute(driver, "data-lines", "3");
                assertEquals("still here", driver.executeScript("return window.sameDocument;"),
                        "the run that joined the sweep came in without reloading the page");

                assertEquals("3 runs", text(driver, "li.group-item[data-group='" + GROUP + "'] .group-head .count"));
                for (int i = 0; i < specs.size(); i++) {
                    String runId = specs.get(i).runId();
                    String label = "lambda " + LAMBDAS[i];
                    assertEquals(label, text(driver, "li.group-item li.run-item[data-run-id='" + runId + "'] .varied"));
                    assertEquals(String.valueOf(LAMBDAS[i]),
                            text(driver, row(specs.get(i)) + " td[data-setting='lambda']"));
                    assertEquals(String.valueOf(STEPS),
                            text(driver, row(specs.get(i)) + " td[data-field='checkpoint']"));
                    assertEquals(runId + " · " + label, text(driver, "#compare-legend [data-key='" + runId + "']"));
                }
                assertEquals(3, driver.findElements(By.cssSelector("#compare-table tbody tr")).size());

                new Select(driver.findElement(By.id("compare-series"))).selectByValue(MSE_SERIES);
                awaitAttribute(driver, "data-series", MSE_SERIES);
                awaitAttribute(driver, "data-lines", "3");
                assertEquals("3", chart(driver).getDomAttribute("data-points"), "one checkpoint evaluated per run");

                Files.createDirectories(SCREENSHOT.getParent());
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                        StandardCopyOption.REPLACE_EXISTING);

                driver.get(page + "#compare=" + specs.get(0).runId() + "," + specs.get(2).runId());
                waitOn(driver).until(d -> driver.findElements(By.cssSelector("#compare-table tbody tr")).size() == 2
                        && "comparison".equals(text(driver, "#compare-kind")));
                awaitText(driver, mseCell(specs.get(2)), String.valueOf(MSE[2]));

                driver.findElement(By.cssSelector("li.group-item[data-group='" + GROUP + "'] .group-head")).click();
                waitOn(driver).until(d -> driver.findElements(By.cssSelector("#compare-table tbody tr")).size() == 3);
                assertEquals("#group=" + GROUP, driver.executeScript("return location.hash;"));
            }
        }
    }

    /** A short real run of the sweep, as the trainer and the metrics service would publish it. */
    private static void trainAndPublish(TestPlatform platform, RunSpec spec, byte[] train, double mse) {
        try (TrainingRun training = new TrainingRun(spec.model(), SHAPE, train, BATCH, spec.hyperparameters(),
                spec.seed())) {
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.queued, 0, null));
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.running, 0, null));
            platform.publishSteps(training, spec, STEPS, 500.0);
            platform.publishCheckpoint(spec, STEPS, true, training.snapshot());
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(),
                    RunEvent.of(spec, RunEvent.State.finished, STEPS, null));
            platform.sendEvent(Topics.EVALUATIONS, spec.runId(), new EvaluationEvent(EvaluationEvent.SCHEMA,
                    spec.runId(), spec.group(), STEPS, "reconstruction_mse", mse, "pixels", HELD_OUT, "metrics-service",
                    Instant.now()));
        }
    }

    private static String row(RunSpec spec) {
        return "#compare-table tbody tr[data-run-id='" + spec.runId() + "']";
    }

    private static String mseCell(RunSpec spec) {
        return row(spec) + " td[data-metric='reconstruction_mse']";
    }

    private static WebElement chart(ChromeDriver driver) {
        return driver.findElement(By.id("compare-chart"));
    }

    private static void awaitAttribute(ChromeDriver driver, String attribute, String expected) {
        waitOn(driver).withMessage(() -> "compare-chart " + attribute + " is " + expected + ", not "
                        + chart(driver).getDomAttribute(attribute))
                .until(d -> expected.equals(chart(driver).getDomAttribute(attribute)));
    }

    private static void awaitGrid(ChromeDriver driver, String kind, RunSpec spec) {
        waitOn(driver).withMessage(() -> kind + " of " + spec.runId() + " at step " + STEPS + " shown")
                .until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "const img = document.querySelector(arguments[0]);"
                                + "return !!img && !img.hidden && img.complete && img.naturalWidth > 0"
                                + " && img.dataset.step === arguments[1];",
                        "#compare-" + kind + " img[data-run-id='" + spec.runId() + "']", String.valueOf(STEPS))));
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
