package dev.aegan.local;

import dev.aegan.infra.browser.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/** A run's page in the gallery, opened in headless Chromium as a user opens it. */
final class GalleryRunPage {
    private GalleryRunPage() {
    }

    /**
     * Opens {@code /#run=<runId>}, waits until the sample and reconstruction grids have loaded (a
     * decoded image, not a broken one), and saves a screenshot to {@code target/<screenshotName>}.
     */
    static void awaitGrids(String galleryUrl, String runId, Duration patience, String screenshotName) throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1000)) {
            var driver = browser.driver();
            driver.get(galleryUrl + "/#run=" + runId);
            WebDriverWait wait = new WebDriverWait(driver, patience);
            for (String id : List.of("samples", "reconstructions")) {
                WebElement image = driver.findElement(By.id(id));
                wait.until(d -> ((Number) driver.executeScript(
                        "const i = arguments[0]; return i.complete && i.getAttribute('src') ? i.naturalWidth : 0;",
                        image)).intValue() > 0);
            }
            Path screenshot = Path.of("target", screenshotName);
            Files.createDirectories(screenshot.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
