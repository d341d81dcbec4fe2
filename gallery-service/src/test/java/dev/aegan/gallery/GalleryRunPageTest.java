package dev.aegan.gallery;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.browser.HeadlessChromium;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run page on a real run ({@link RunUnderWay}) in a real headless Chromium: every evaluation metric
 * over steps with the judges' lag, how fast the run trains and how long it still needs, where each
 * waiting run stands in the queue, and every view in an address that a fresh browser opens as it was.
 * Saves screenshots of these views under target/screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryRunPageTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    private RunUnderWay fixture() {
        return RunUnderWay.on(store, bootstrapServers());
    }

    @Test
    void showsEveryMetricOverStepsWithTheJudgesLagAndHowLongEachRunStillTakesOrWaits() throws IOException {
        RunUnderWay fixture = fixture();
        String run = fixture.run.runId();
        JsonPath summary = given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath();
        double stepsPerSecond = summary.getDouble("stepsPerSecond");
        assertTrue(stepsPerSecond > 0, "measured " + stepsPerSecond);
        assertEquals((RunUnderWay.STEPS - RunUnderWay.SECOND_CHECKPOINT) / stepsPerSecond, summary.getDouble("etaSeconds"),
                1e-6);
        assertNull(summary.get("queuePosition"));
        int first = queuePosition(fixture.waiting.get(0).runId());
        assertEquals(first + 1, queuePosition(fixture.waiting.get(1).runId()), "queued later, waits behind");
        assertNull(given().get("/api/runs/" + fixture.waiting.get(0).runId()).then().extract().path("etaSeconds"));

        try (HeadlessChromium browser = HeadlessChromium.start(1400, 2200)) {
            ChromeDriver driver = browser.driver();
            driver.get(page + "#run=" + run);
            // one chart per metric and extractor, a line per judge over both checkpoints
            for (String metric : RunUnderWay.METRICS) {
                awaitChart(driver, "figure[data-key='" + metric + "'][data-kind='metric'] canvas", 2, 1);
            }
            // the lag of every judge, in steps and in seconds
            for (String lag : List.of("lag|steps", "lag|seconds")) {
                awaitChart(driver, "figure[data-key='" + lag + "'][data-kind='lag'] canvas", 4, RunUnderWay.JUDGES.size());
            }
            assertEquals(RunUnderWay.METRICS.size() + 2, driver.findElements(By.cssSelector("#metric-charts figure")).size());
            assertEquals(RunUnderWay.METRICS.size() + 2, driver.findElements(By.cssSelector("#metric-picker .legend-item")).size());
            // the evaluations table stays
            assertEquals(2, driver.findElements(By.cssSelector("#evaluations tbody tr")).size());

            wait(driver).until(d -> facts(driver).containsKey("time left"));
            assertTrue(facts(driver).get("steps / s").matches("[0-9.,]+"), facts(driver).toString());
            wait(driver).until(d -> timing(driver, run).matches("[0-9.,]+ steps/s · .+ left"));
            for (RunSpec waiting : fixture.waiting) {
                wait(driver).until(d -> timing(driver, waiting.runId()).equals("#" + queuePosition(waiting.runId()) + " in queue"));
            }
            awaitQueueMovesUpWhenARunAheadStarts(driver);
            awaitOnlyWholeStepsOnAChartOfOneCheckpoint(driver);

            saveScreenshot(driver, "run-page.png");
            saveScreenshot(driver.findElement(By.id("metric-charts-card")), "run-page-metric-charts.png");
            saveScreenshot(driver.findElement(By.cssSelector(".run-header")), "run-page-header.png");
            saveScreenshot(driver.findElement(By.cssSelector(".sidebar")), "run-page-sidebar-queue.png");
        }
    }

    /** Two more runs queued; once the first starts, the second is one place nearer the front. */
    private void awaitQueueMovesUpWhenARunAheadStarts(ChromeDriver driver) {
        RunSpec ahead = new RunSpec(RunSpec.SCHEMA, "run-page-queue-ahead", null, "vae", RunUnderWay.DATASET, 1, 10, 8, 5,
                Map.of());
        RunSpec behind = new RunSpec(RunSpec.SCHEMA, "run-page-queue-behind", null, "vae", RunUnderWay.DATASET, 1, 10, 8, 5,
                Map.of());
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            platform.sendEvent(Topics.RUN_EVENTS, ahead.runId(), RunEvent.of(ahead, RunEvent.State.queued, 0, null));
            platform.sendEvent(Topics.RUN_EVENTS, behind.runId(), RunEvent.of(behind, RunEvent.State.queued, 0, null));
            int before = TestPlatform.await("both queued", TIMEOUT, () -> {
                Integer position = given().get("/api/runs/" + behind.runId()).then().extract().path("queuePosition");
                Integer aheadOf = given().get("/api/runs/" + ahead.runId()).then().extract().path("queuePosition");
                return position != null && aheadOf != null && aheadOf == position - 1 ? position : null;
            });
            wait(driver).until(d -> timing(driver, behind.runId()).equals("#" + before + " in queue"));
            platform.sendEvent(Topics.RUN_EVENTS, ahead.runId(), RunEvent.of(ahead, RunEvent.State.running, 0, null));
            wait(driver).until(d -> timing(driver, behind.runId()).equals("#" + (before - 1) + " in queue"));
            assertNull(given().get("/api/runs/" + ahead.runId()).then().extract().path("queuePosition"));
        }
    }

    @Test
    void aFreshBrowserOpensTheRunAndTheSweepAsTheirAddressesShowedThem() throws IOException {
        RunUnderWay fixture = fixture();
        String runAddress;
        String hiddenLoss;
        boolean lossesOnLogScale;
        int losses;
        String sweepAddress;
        String hiddenRun = fixture.waiting.get(0).runId();
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1600)) {
            ChromeDriver driver = browser.driver();
            driver.get(page + "#run=" + fixture.run.runId());
            awaitGrid(driver, RunUnderWay.SECOND_CHECKPOINT);
            awaitChart(driver, "figure[data-key='fid|classifier'] canvas", 2, 1);
            new Select(driver.findElement(By.id("step-select"))).selectByValue(String.valueOf(RunUnderWay.FIRST_CHECKPOINT));
            awaitGrid(driver, RunUnderWay.FIRST_CHECKPOINT);
            driver.findElement(By.id("log-scale")).click();
            lossesOnLogScale = driver.findElement(By.id("log-scale")).isSelected();
            WebElement loss = driver.findElement(By.cssSelector("#loss-legend .legend-item"));
            hiddenLoss = loss.getDomAttribute("data-key");
            losses = driver.findElements(By.cssSelector("#loss-legend .legend-item")).size();
            loss.click();
            new Select(driver.findElement(By.id("metrics-scale"))).selectByValue("log");
            driver.findElement(By.cssSelector("#metric-picker .legend-item[data-key='fid|classifier']")).click();
            runAddress = (String) driver.executeScript("return location.hash;");

            driver.get(page + "#group=" + RunUnderWay.GROUP);
            wait(driver).until(d -> !driver.findElements(By.cssSelector(
                    "#compare-series option[value='evaluation:fid|classifier']")).isEmpty());
            new Select(driver.findElement(By.id("compare-series"))).selectByValue("evaluation:fid|classifier");
            driver.findElement(By.id("compare-log-scale")).click();
            driver.findElement(By.cssSelector("#compare-legend .legend-item[data-key='" + hiddenRun + "']")).click();
            sweepAddress = (String) driver.executeScript("return location.hash;");
        }
        assertTrue(runAddress.contains("&step=" + RunUnderWay.FIRST_CHECKPOINT), runAddress);

        try (HeadlessChromium fresh = HeadlessChromium.start(1400, 1600)) {
            ChromeDriver driver = fresh.driver();
            driver.get(page + runAddress);
            awaitGrid(driver, RunUnderWay.FIRST_CHECKPOINT);
            assertEquals(String.valueOf(RunUnderWay.FIRST_CHECKPOINT),
                    new Select(driver.findElement(By.id("step-select"))).getFirstSelectedOption().getDomAttribute("value"));
            assertTrue(!driver.findElement(By.id("follow-latest")).isSelected(), "a step picked does not follow the latest");
            wait(driver).until(d -> String.valueOf(losses - 1).equals(
                    driver.findElement(By.id("loss-chart")).getDomAttribute("data-lines")));
            assertEquals(lossesOnLogScale, driver.findElement(By.id("log-scale")).isSelected());
            assertTrue(driver.findElement(By.cssSelector("#loss-legend .legend-item[data-key='" + hiddenLoss + "']"))
                    .getDomAttribute("class").contains("off"));
            awaitChart(driver, "figure[data-key='reconstruction_mse|pixels'] canvas", 2, 1);
            assertEquals("log", new Select(driver.findElement(By.id("metrics-scale"))).getFirstSelectedOption()
                    .getDomAttribute("value"));
            assertEquals("true", driver.findElement(By.cssSelector("figure[data-key='reconstruction_mse|pixels'] canvas"))
                    .getDomAttribute("data-log"));
            assertTrue(!driver.findElement(By.cssSelector("figure[data-key='fid|classifier']")).isDisplayed());
            assertEquals(runAddress, driver.executeScript("return location.hash;"));
            saveScreenshot(driver, "run-page-from-its-address.png");

            driver.get(page + sweepAddress);
            wait(driver).until(d -> "evaluation:fid|classifier".equals(
                    driver.findElement(By.id("compare-chart")).getDomAttribute("data-series")));
            assertTrue(driver.findElement(By.id("compare-log-scale")).isSelected());
            assertTrue(driver.findElement(By.cssSelector("#compare-legend .legend-item[data-key='" + hiddenRun + "']"))
                    .getDomAttribute("class").contains("off"));
            assertEquals(sweepAddress, driver.executeScript("return location.hash;"));
        }
    }

    private static int queuePosition(String runId) {
        return given().get("/api/runs/" + runId).then().statusCode(200).extract().path("queuePosition");
    }

    /** A run judged at one step only: its chart's step axis is labelled with whole steps around it, not halves. */
    private void awaitOnlyWholeStepsOnAChartOfOneCheckpoint(ChromeDriver driver) {
        RunSpec judgedOnce = new RunSpec(RunSpec.SCHEMA, "run-page-judged-once", null, "vae", RunUnderWay.DATASET, 1, 10,
                8, 5, Map.of());
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            platform.sendEvent(Topics.RUN_EVENTS, judgedOnce.runId(), RunEvent.of(judgedOnce, RunEvent.State.running, 5,
                    null));
            platform.sendEvent(Topics.EVALUATIONS, judgedOnce.runId(), new EvaluationEvent(EvaluationEvent.SCHEMA,
                    judgedOnce.runId(), null, 5, "reconstruction_mse", 0.04, "pixels", 100, "metrics-service",
                    Instant.now()));
        }
        driver.get(page + "#run=" + judgedOnce.runId());
        String canvas = "figure[data-key='reconstruction_mse|pixels'][data-kind='metric'] canvas";
        // read in one script: the page redraws the chart as the run's events arrive
        String ticks = wait(driver).until(d -> (String) driver.executeScript("const chart = document.querySelector("
                + "arguments[0]); return chart && chart.dataset.points === '1' ? chart.dataset.xTicks : null;", canvas));
        assertEquals("4,5,6", ticks);
    }

    /** Read in the page in one go: the sidebar and the header are redrawn on every run event. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> facts(ChromeDriver driver) {
        return (Map<String, String>) driver.executeScript("return Object.fromEntries([...document.querySelectorAll("
                + "'#run-facts > div')].map((fact) => [fact.querySelector('dt').textContent.toLowerCase(),"
                + " fact.querySelector('dd').textContent]));");
    }

    private static String timing(ChromeDriver driver, String runId) {
        return (String) driver.executeScript("const line = document.querySelector("
                + "`#run-list li[data-run-id='${arguments[0]}'] [data-field='timing']`); return line ? line.textContent : '';",
                runId);
    }

    private static void awaitChart(ChromeDriver driver, String canvas, int points, int lines) {
        wait(driver).until(d -> d.findElements(By.cssSelector(canvas)).stream().anyMatch(c ->
                String.valueOf(points).equals(c.getDomAttribute("data-points"))
                        && String.valueOf(lines).equals(c.getDomAttribute("data-lines"))));
    }

    private static void awaitGrid(ChromeDriver driver, int step) {
        wait(driver).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "const img = document.getElementById('samples');"
                        + "return !img.hidden && img.complete && img.naturalWidth > 0 && img.dataset.step === arguments[0];",
                String.valueOf(step))));
    }

    private static void saveScreenshot(TakesScreenshot shown, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(shown.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static WebDriverWait wait(ChromeDriver driver) {
        return new WebDriverWait(driver, TIMEOUT);
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
