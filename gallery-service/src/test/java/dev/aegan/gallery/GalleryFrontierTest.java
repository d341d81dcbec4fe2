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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import java.net.URL;
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
 * A sweep's frontier: FID (lower is better) across, reconstruction SSIM (higher is better) up, each
 * run at its latest checkpoint judged on both; served by the gallery and drawn in headless Chromium,
 * and redrawn as evaluations arrive.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryFrontierTest {
    private static final String GROUP = "frontier-sweep";
    private static final String CLASSIFIER = "frontier-data-classifier";
    /** As metrics-service publishes a feature metric: name@extractor, and the extractor beside it. */
    private static final String FID = "fid@" + CLASSIFIER;
    static final Path SCREENSHOT = Path.of("target", "screenshots", "sweep-frontier.png");

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void drawsTheSweepsParetoFrontAndRedrawsItAsEvaluationsArrive() throws Exception {
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            for (int run = 1; run <= 4; run++) {
                RunSpec spec = new RunSpec(RunSpec.SCHEMA, GROUP + "-" + run, GROUP, "lambda-ijae", "frontier-data", 3,
                        20, 16, 10, Map.<String, Object>of("lambda", run / 10.0));
                platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.running, 0, null));
            }
            // run 1: good at both at step 10, but step 20 (judged on both) is what counts
            judge(platform, 1, 10, 5.0, 0.95);
            judge(platform, 1, 20, 30.0, 0.60);
            judge(platform, 2, 20, 10.0, 0.70);
            judge(platform, 3, 20, 20.0, 0.80);
            judge(platform, 4, 20, 25.0, 0.75);
            // run 4 at step 30 judged on FID only: not a point of both metrics yet
            send(platform, 4, 30, FID, CLASSIFIER, 1.0);

            JsonPath frontier = TestPlatform.await("the four runs on the frontier", PageWaits.TIMEOUT, () -> {
                JsonPath json = given().get("/api/groups/" + GROUP + "/frontier").then().statusCode(200)
                        .extract().jsonPath();
                return json.getList("points").size() == 4 ? json : null;
            });
            assertEquals(FID, frontier.getString("x.name"), "a generation metric across by default");
            assertEquals("LOWER_IS_BETTER", frontier.getString("x.direction"));
            assertEquals("reconstruction_ssim", frontier.getString("y.name"), "a reconstruction metric up");
            assertEquals("HIGHER_IS_BETTER", frontier.getString("y.direction"));
            assertEquals(List.of(FID, "reconstruction_ssim"), frontier.getList("axes.name"));
            assertEquals(List.of(20, 20, 20, 20), frontier.getList("points.step"));
            assertEquals(List.of(false, true, true, false), frontier.getList("points.onFront"));

            given().queryParam("x", "reconstruction_ssim").queryParam("y", "reconstruction_ssim")
                    .get("/api/groups/" + GROUP + "/frontier").then().statusCode(200)
                    .body("points.onFront", equalTo(List.of(false, false, true, false)));
            given().queryParam("x", "ms_ssim_diversity").get("/api/groups/" + GROUP + "/frontier")
                    .then().statusCode(400).body("code", equalTo("UNKNOWN_AXIS"));
            given().get("/api/groups/no-such-sweep/frontier").then().statusCode(404)
                    .body("code", equalTo("GROUP_NOT_FOUND"));

            try (HeadlessChromium browser = HeadlessChromium.start(1400, 1600)) {
                ChromeDriver driver = browser.driver();
                driver.get(page + "#group=" + GROUP);
                awaitFront(driver, GROUP + "-2," + GROUP + "-3");
                assertEquals(FID + " ↓ lower is better", text(driver, "#frontier-plot [data-axis='x']"));
                assertEquals("reconstruction_ssim ↑ higher is better", text(driver, "#frontier-plot [data-axis='y']"));

                // run 4's step 30 judged on SSIM too: it now beats every other run on FID (and none on SSIM)
                send(platform, 4, 30, "reconstruction_ssim", "pixels", 0.50);
                awaitFront(driver, GROUP + "-2," + GROUP + "-3," + GROUP + "-4");
                Files.createDirectories(SCREENSHOT.getParent());
                Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
                        StandardCopyOption.REPLACE_EXISTING);

                new Select(driver.findElement(org.openqa.selenium.By.id("frontier-y"))).selectByValue(FID);
                awaitFront(driver, GROUP + "-4");
            }
        }
    }

    private static void judge(TestPlatform platform, int run, long step, double fid, double ssim) {
        send(platform, run, step, FID, CLASSIFIER, fid);
        send(platform, run, step, "reconstruction_ssim", "pixels", ssim);
    }

    private static void send(TestPlatform platform, int run, long step, String metric, String extractor, double value) {
        String runId = GROUP + "-" + run;
        platform.sendEvent(Topics.EVALUATIONS, runId, new EvaluationEvent(EvaluationEvent.SCHEMA, runId, GROUP, step,
                metric, value, extractor, 100, "metrics-service", Instant.now()));
    }

    private static void awaitFront(ChromeDriver driver, String runIds) {
        waitOn(driver)
                .withMessage(() -> "the front is " + runIds + ", not "
                        + driver.executeScript("return document.getElementById('frontier-plot').dataset.front;"))
                .until(d -> runIds.equals(driver.executeScript(
                        "return document.getElementById('frontier-plot').dataset.front;")));
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
