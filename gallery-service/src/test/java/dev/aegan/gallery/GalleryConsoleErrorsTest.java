package dev.aegan.gallery;

import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.browser.HeadlessChromium;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every view of the gallery, on a real run, opened afresh in a real Chromium: none may log a console
 * error, throw an uncaught exception or see a request fail (HTTP 400 or more, or no answer).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryConsoleErrorsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** A view: its address (after the page's URL) and a CSS selector that matches once it is drawn. */
    record View(String name, String address, String drawn) {
    }

    /**
     * Every view of the page, each on one line: a new view (or a new kind of address in js/router.js's
     * ROUTE_KINDS, which this test checks are all visited) is covered by adding its line here.
     */
    private static List<View> views(RunUnderWay fixture) {
        String run = fixture.run.runId();
        String waiting = fixture.waiting.get(0).runId();
        return List.of(
                new View("home", "", "#run-list li.run-item.selected"),
                new View("run page following the latest step", "#run=" + run,
                        "#samples[data-step='" + RunUnderWay.SECOND_CHECKPOINT + "']"),
                new View("run page at a step, charts chosen", "#run=" + run + "&step=" + RunUnderWay.FIRST_CHECKPOINT
                        + "&log=1&metrics-scale=log&hide-metrics=fid%7Cclassifier",
                        "#reconstructions[data-step='" + RunUnderWay.FIRST_CHECKPOINT + "']"),
                new View("run page of a queued run", "#run=" + waiting, "#run-facts dd span[title]"),
                new View("sweep", "#group=" + RunUnderWay.GROUP, "#compare-samples img[data-step]"),
                new View("runs picked by hand", "#compare=" + run + "," + waiting
                        + "&series=evaluation%3Afid%7Cclassifier&log=1", "#compare-chart:not([data-points='0'])"),
                new View("dataset", "#dataset=" + RunUnderWay.DATASET, "#dataset-samples[src]"),
                new View("studies", "#studies", "#studies-table tr[data-study='" + StudyFixtures.TOY + "']"),
                new View("study", "#study=" + StudyFixtures.TOY, "#study-claims li[data-claim] .badge"));
    }

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void noViewOfTheGalleryLogsAnErrorOrSeesARequestFail() {
        String bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        RunUnderWay fixture = RunUnderWay.on(store, bootstrapServers);
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers)) {
            StudyFixtures.publish(platform, StudyFixtures.completed());
        }
        List<View> views = views(fixture);
        List<String> problems = new ArrayList<>();
        try (HeadlessChromium browser = HeadlessChromium.startWatching(1400, 1200)) {
            ChromeDriver driver = browser.driver();
            for (View view : views) {
                driver.get("about:blank");
                driver.get(page + view.address());
                new WebDriverWait(driver, TIMEOUT).until(d -> !d.findElements(By.cssSelector(view.drawn())).isEmpty());
                // every grid of the view loaded (or failed, which the log then tells)
                new WebDriverWait(driver, TIMEOUT).until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return [...document.images].every((img) => !img.getAttribute('src') || img.complete);")));
                browser.problems().forEach(problem -> problems.add(view.name() + ": " + problem));
            }
            assertEquals(List.of(), routeKindsNotVisited(driver, views), "kinds of address no view of this test opens");
        }
        assertEquals(List.of(), problems, "what went wrong in the browser");
    }

    @SuppressWarnings("unchecked")
    private static List<String> routeKindsNotVisited(ChromeDriver driver, List<View> views) {
        List<String> kinds = (List<String>) driver.executeAsyncScript(
                "import('/js/router.js').then((router) => arguments[0](router.ROUTE_KINDS));");
        return kinds.stream().filter(kind -> views.stream().noneMatch(view -> view.address().equals("#" + kind)
                || view.address().startsWith("#" + kind + "="))).toList();
    }
}
