package dev.aegan.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.browser.HeadlessChromium;
import dev.aegan.store.ArtifactStore;
import dev.aegan.studies.plan.PlannedRun;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.aegan.gallery.PageWaits.TIMEOUT;
import static dev.aegan.gallery.PageWaits.awaitText;
import static dev.aegan.gallery.PageWaits.text;
import static dev.aegan.gallery.PageWaits.waitOn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Studies from {@code studies.events}, their runs' states and evaluations put on the topics by hand
 * (no trainer, no judge): the report as of now over REST, final once every run ended and was judged at
 * its last step, then written to the gallery bucket; the study page in headless Chromium, live.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryStudiesTest {
    private static final String METRIC = "reconstruction_mse";
    private static final String BUCKET = "gallery";
    static final Path SCREENSHOT = Path.of("target", "screenshots", "study-page.png");
    /** reconstruction_mse at the last step (20) by group, seed 1 then seed 2; step 10 has larger values. */
    private static final Map<String, double[]> LAST = Map.of("narrow", new double[]{0.050, 0.054},
            "wide", new double[]{0.030, 0.034});

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void aSubmittedStudysReportFollowsItsRunsBecomesFinalAndIsWrittenToTheBucket() throws IOException {
        List<PlannedRun> runs = StudyFixtures.plan(StudyFixtures.SERVICES, StudyFixtures.SERVICES_JSON);
        PlannedRun lastJudged = runs.stream().filter(run -> run.runId().equals("gallery-vae.wide-1-s2")).findFirst()
                .orElseThrow();
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers());
             HeadlessChromium browser = HeadlessChromium.start(1400, 1500)) {
            StudyFixtures.publish(platform, StudyFixtures.submitted(StudyFixtures.SERVICES));
            for (PlannedRun run : runs) {
                StudyFixtures.publishRunEnded(platform, run, RunEvent.State.finished);
                double last = LAST.get(run.coordinates().group())[(int) run.coordinates().seed() - 1];
                StudyFixtures.publishEvaluation(platform, run, 10, METRIC, last + 0.03);
                if (run != lastJudged) {
                    StudyFixtures.publishEvaluation(platform, run, 20, METRIC, last);
                }
            }
            // every run finished, but wide-1-s2 is judged at step 10 only: its 0.064 is above narrow's 0.054
            JsonPath partial = awaitStudy(StudyFixtures.SERVICES, "every run finished, 7 of 8 evaluations in",
                    json -> json.getInt("progress.runsFinished") == 4 && near(json, "narrow-1", 0.052)
                            && near(json, "wide-1", (0.030 + 0.064) / 2));
            assertEquals(false, partial.getBoolean("progress.final"), "a finished run lacks its last step's value");
            assertEquals("not reproduced", partial.getString("report.claims[0].verdict"));
            assertNull(partial.get("progress.reportKey"));

            ChromeDriver driver = browser.driver();
            driver.get(page + "#study=" + StudyFixtures.SERVICES);
            awaitText(driver, "#study-claims li[data-claim='wide-reconstructs-better'] .badge", "not reproduced");
            awaitText(driver, "#study-status", "in progress");
            awaitText(driver, "#study-state", "in progress");

            StudyFixtures.publishEvaluation(platform, lastJudged, 20, METRIC, LAST.get("wide")[1]);
            JsonPath done = awaitStudy(StudyFixtures.SERVICES, "the report final and written", GalleryStudiesTest::written);
            assertEquals(true, done.getBoolean("progress.final"));
            assertEquals(Map.of("reproduced", 1), done.getMap("progress.verdicts"));
            assertEquals("studies/gallery-vae/local/report.json", done.getString("progress.reportKey"));
            assertEquals("studies/gallery-vae/local/figure.png", done.getString("progress.figureKey"));
            // mean and sample standard deviation of two values a, b: (a + b) / 2 and |a - b| / sqrt(2)
            Map<String, Object> narrow = done.getMap("report.table.find { it.series == 'narrow-1' }");
            assertEquals(0.052, ((Number) narrow.get("mean")).doubleValue(), 1e-12);
            assertEquals(0.004 / Math.sqrt(2), ((Number) narrow.get("sd")).doubleValue(), 1e-12);
            assertEquals(2, narrow.get("seeds"));
            assertEquals(0.05, ((Number) narrow.get("paper")).doubleValue());
            assertEquals("Table 0 of no paper", narrow.get("paperSource"));
            assertEquals(0.032, done.getDouble("report.table.find { it.series == 'wide-1' }.mean"), 1e-12);

            byte[] report = store.get(BUCKET, "studies/gallery-vae/local/report.json").orElseThrow();
            JsonNode served = EventJson.MAPPER.readTree(given().get("/api/studies/gallery-vae").asByteArray())
                    .get("report");
            assertEquals(served, EventJson.MAPPER.readTree(report), "the bucket holds the report the API serves");
            assertEquals("aegan.study-report/v1", served.get("schema").textValue());
            byte[] figure = store.get(BUCKET, "studies/gallery-vae/local/figure.png").orElseThrow();
            assertArrayEquals(given().get("/api/studies/gallery-vae/figure.png").then().statusCode(200)
                    .contentType("image/png").extract().asByteArray(), figure, "the figure is drawn the same way");
            BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(figure));
            assertEquals(List.of(900, 560), List.of(drawn.getWidth(), drawn.getHeight()));

            awaitText(driver, "#study-claims li[data-claim='wide-reconstructs-better'] .badge", "reproduced");
            awaitText(driver, "#study-status",
                    "final — written to s3://gallery/studies/gallery-vae/local/report.json");
            assertEquals("0.052 ± 0.002828 (2 seeds)",
                    text(driver, "#study-table tr[data-series='narrow-1'] td[data-field='ours']"));
            assertEquals("0.05", text(driver, "#study-table tr[data-series='narrow-1'] td[data-field='paper']"));
            assertEquals("4 / 4", text(driver, "#study-facts div:nth-child(4) dd"));
            waitOn(driver).withMessage(() -> "the figure shown").until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "const img = document.getElementById('study-figure'); return img.complete && img.naturalWidth === 900;")));
            awaitText(driver, "#study-state", "final");
            awaitText(driver, "li.study-item[data-study='gallery-vae'] .item-sub", "4 / 4 runs · final · 1 reproduced");
            awaitText(driver, "li.study-item[data-study='gallery-vae'] [data-field='stage']", "final");
            Files.createDirectories(SCREENSHOT.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);

            driver.findElement(By.cssSelector("a.section-link[href='#studies']")).click();
            String row = "#studies-table tr[data-study='gallery-vae']";
            awaitText(driver, row + " td[data-field='report']",
                    "final — written to s3://gallery/studies/gallery-vae/local/report.json");
            assertEquals("1 reproduced", text(driver, row + " td[data-field='verdicts']"));
            assertEquals("final", text(driver, row + " [data-field='stage']"));
            driver.findElement(By.cssSelector(row)).click();
            assertEquals("#study=gallery-vae", driver.executeScript("return location.hash;"));
        }
    }

    @Test
    void aReportIsFinalOnceEveryRunEndedStoppedAndFailedOnesIncludedNotWhileOneTrains() {
        String name = "gallery-vae-ended";
        Map<String, PlannedRun> runs = new HashMap<>();
        StudyFixtures.plan(name, StudyFixtures.servicesJson(name)).forEach(run -> runs.put(
                run.coordinates().series() + "-s" + run.coordinates().seed(), run));
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            StudyFixtures.publish(platform, StudyFixtures.submitted(name));
            StudyFixtures.publishRunEnded(platform, runs.get("narrow-1-s1"), RunEvent.State.finished);
            StudyFixtures.publishEvaluation(platform, runs.get("narrow-1-s1"), 20, METRIC, 0.05);
            StudyFixtures.publishRunEnded(platform, runs.get("narrow-1-s2"), RunEvent.State.failed);
            StudyFixtures.publishRunEnded(platform, runs.get("wide-1-s1"), RunEvent.State.running);
            StudyFixtures.publishEvaluation(platform, runs.get("wide-1-s1"), 10, METRIC, 0.04);
            StudyFixtures.publishRunEnded(platform, runs.get("wide-1-s2"), RunEvent.State.stopped);

            JsonPath training = awaitStudy(name, "three runs ended, one training and judged at step 10",
                    json -> near(json, "narrow-1", 0.05) && near(json, "wide-1", 0.04));
            assertEquals(false, training.getBoolean("progress.final"), "wide-1-s1 still trains");
            assertEquals(1, training.getInt("progress.runsFinished"));

            StudyFixtures.publishRunEnded(platform, runs.get("wide-1-s1"), RunEvent.State.finished);
            StudyFixtures.publishEvaluation(platform, runs.get("wide-1-s1"), 20, METRIC, 0.03);
            JsonPath ended = awaitStudy(name, "every run ended", GalleryStudiesTest::written);
            assertEquals(List.of(2, 4), List.of(ended.getInt("progress.runsFinished"), ended.getInt("progress.runsTotal")));
            assertEquals("inconclusive at this budget", ended.getString("report.claims[0].verdict"),
                    "seed 2 has no values: its runs failed and stopped");
            assertFalse(store.get(BUCKET, "studies/" + name + "/local/report.json").isEmpty());
        }
    }

    @Test
    void aCompletedStudyIsFinalAtOnceAndARejectedOneSaysWhy() {
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            StudyFixtures.publish(platform, StudyFixtures.completed());
            StudyFixtures.publish(platform, StudyEvent.rejected("gallery-unknown", StudyFixtures.PROFILE,
                    StudyEvent.Rejection.UNKNOWN_STUDY, "no study 'gallery-unknown' ships with the trainers"));

            JsonPath toy = awaitStudy(StudyFixtures.TOY, "the in-process study written", GalleryStudiesTest::written);
            assertEquals(true, toy.getBoolean("progress.final"));
            assertEquals(List.of(4, 4), List.of(toy.getInt("progress.runsFinished"), toy.getInt("progress.runsTotal")));
            assertEquals("reproduced", toy.getString("report.claims[0].verdict"));
            assertEquals(0.91, toy.getDouble("report.table.find { it.series == 'reverse-kl-1' }.mean"), 1e-12);
            assertFalse(store.get(BUCKET, "studies/gallery-toy/local/figure.png").isEmpty());

            TestPlatform.await("the rejected study listed", TIMEOUT, () -> given().get("/api/studies").then().extract()
                    .jsonPath().getList("findAll { it.study == 'gallery-unknown' && it.state == 'rejected' }")
                    .isEmpty() ? null : true);
            given().get("/api/studies").then().statusCode(200)
                    .body("find { it.study == 'gallery-unknown' }.code", equalTo("UNKNOWN_STUDY"))
                    .body("find { it.study == 'gallery-unknown' }.reason",
                            equalTo("no study 'gallery-unknown' ships with the trainers"))
                    .body("find { it.study == 'gallery-unknown' }.final", equalTo(false));
            given().get("/api/studies/gallery-unknown").then().statusCode(200).body("report", equalTo(null));
            given().get("/api/studies/gallery-unknown/figure.png").then().statusCode(404)
                    .body("code", equalTo("STUDY_NOT_REPORTED"));
            given().get("/api/studies/no-such-study").then().statusCode(404).body("code", equalTo("STUDY_NOT_FOUND"));
        }
    }

    private static boolean near(JsonPath study, String series, double mean) {
        Number found = study.get("report.table.find { it.series == '" + series + "' }.mean");
        return found != null && Math.abs(found.doubleValue() - mean) < 1e-12;
    }

    private static boolean written(JsonPath study) {
        return study.get("progress.reportKey") != null;
    }

    /** The study's detail once it has a report and {@code condition} holds. */
    private static JsonPath awaitStudy(String study, String what, Predicate<JsonPath> condition) {
        return TestPlatform.await(what, TIMEOUT, () -> {
            var response = given().get("/api/studies/" + study);
            if (response.statusCode() != 200) {
                return null;
            }
            JsonPath json = response.jsonPath(JsonPathConfig.jsonPathConfig().numberReturnType(NumberReturnType.DOUBLE));
            return json.get("report") != null && condition.test(json) ? json : null;
        });
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
