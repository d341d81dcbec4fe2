package dev.aegan.gallery;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalApiTokens;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.browser.HeadlessChromium;
import dev.aegan.models.core.ImageShape;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code aegan.auth.read-access=token} the page, in a real headless Chromium, asks for a reader
 * token, refuses a wrong one with the server's message, and with the right one shows the runs, their
 * grids and live changes; the token stays in sessionStorage only.
 */
@QuarkusTest
@TestProfile(GalleryPageSignInTest.ReadsNeedToken.class)
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryPageSignInTest {
    private static final ImageShape SHAPE = new ImageShape(1, TestImages.SIDE, TestImages.SIDE);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int TRAIN = 64;
    private static final int HELD_OUT = 32;
    private static final int BATCH = 32;
    private static final int STEPS = 1;
    private static final String WRONG_TOKEN = "not-a-token-this-gallery-knows-0123456789";

    public static class ReadsNeedToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aegan.auth.read-access", "token");
        }
    }

    @TestHTTPResource("/")
    URL page;

    @Inject
    ArtifactStore store;

    @Test
    void asksForAReaderTokenRefusesAWrongOneAndWithTheRightOneShowsRunsAndLiveChanges() throws Exception {
        LocalApiTokens tokens = LocalInfraTestResource.apiTokens();
        given().auth().none().get("/api/runs").then().statusCode(401).body("code", equalTo("AUTHENTICATION_REQUIRED"));
        String refusal = given().auth().oauth2(WRONG_TOKEN).get("/api/runs").then().statusCode(401)
                .body("code", equalTo("INVALID_TOKEN")).extract().path("message");

        String dataset = "gallery-sign-in";
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, "gallery-sign-in-run", null, "vae", dataset, 3, STEPS, BATCH, STEPS,
                Map.of("latentDim", 8));
        byte[] images = TestImages.load(TRAIN + HELD_OUT);
        byte[] train = Arrays.copyOfRange(images, 0, TRAIN * SHAPE.pixelsPerImage());
        byte[] heldOut = Arrays.copyOfRange(images, TRAIN * SHAPE.pixelsPerImage(), images.length);

        try (TestPlatform platform = new TestPlatform(store, bootstrapServers());
             TrainingRun training = new TrainingRun(spec.model(), SHAPE, train, BATCH, spec.hyperparameters(),
                     spec.seed());
             HeadlessChromium browser = HeadlessChromium.start()) {
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, heldOut);
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, TRAIN, HELD_OUT);
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.running, 0, null));

            ChromeDriver driver = browser.driver();
            driver.get(page.toString());
            awaitSignInForm(driver, "");
            assertEquals("password", driver.findElement(By.id("sign-in-token")).getDomAttribute("type"));
            assertTrue(driver.findElements(By.cssSelector("#run-list li")).isEmpty(), "no run shown before signing in");

            signIn(driver, WRONG_TOKEN);
            awaitSignInForm(driver, refusal);
            assertNull(storedToken(driver), "a refused token is forgotten");

            signIn(driver, tokens.reader());
            wait(driver).until(d -> !driver.findElements(By.cssSelector("#run-list li[data-run-id='" + spec.runId() + "']"))
                    .isEmpty());
            wait(driver).until(d -> "live".equals(driver.findElement(By.id("connection")).getText()));
            assertFalse(driver.findElement(By.id("sign-in")).isDisplayed());
            assertEquals(tokens.reader(), storedToken(driver));
            assertEquals(0L, driver.executeScript("return localStorage.length;"));
            assertEquals("", driver.executeScript("return document.cookie;"));
            assertFalse(driver.getCurrentUrl().contains(tokens.reader()), "the token is never in the address");
            driver.executeScript("window.sameDocument = 'still here';");

            training.step();
            platform.publishCheckpoint(spec, STEPS, true, training.snapshot());
            platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.finished, STEPS, null));
            wait(driver).until(d -> "finished".equals(driver.findElement(By.id("run-state")).getText().toLowerCase()));
            awaitGrid(driver, "samples", STEPS);
            assertEquals("still here", driver.executeScript("return window.sameDocument;"),
                    "the change came over the live stream, without reloading");

            driver.findElement(By.id("sign-out")).click();
            awaitSignInForm(driver, "");
            assertNull(storedToken(driver), "signing out forgets the token");
        }
    }

    private static void signIn(ChromeDriver driver, String token) {
        WebElement field = driver.findElement(By.id("sign-in-token"));
        field.clear();
        field.sendKeys(token);
        driver.findElement(By.cssSelector("#sign-in button[type='submit']")).click();
    }

    /** The form shown, with the refusal's message when there was one. */
    private static void awaitSignInForm(ChromeDriver driver, String refusal) {
        wait(driver).until(d -> driver.findElement(By.id("sign-in")).isDisplayed());
        if (!refusal.isEmpty()) {
            wait(driver).until(d -> refusal.equals(driver.findElement(By.id("sign-in-message")).getText()));
        }
    }

    private static Object storedToken(ChromeDriver driver) {
        return driver.executeScript("return sessionStorage.getItem('aegan.gallery.token');");
    }

    private static void awaitGrid(ChromeDriver driver, String id, int step) {
        wait(driver).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "const img = document.getElementById(arguments[0]);"
                        + "return !img.hidden && img.complete && img.naturalWidth > 0 && img.dataset.step === arguments[1];",
                id, String.valueOf(step))));
    }

    private static WebDriverWait wait(ChromeDriver driver) {
        return new WebDriverWait(driver, TIMEOUT);
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
