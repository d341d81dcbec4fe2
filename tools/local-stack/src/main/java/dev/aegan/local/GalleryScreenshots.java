package dev.aegan.local;

import dev.aegan.infra.browser.HeadlessChromium;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * PNG screenshots of a running gallery's dataset view and, given a sweep, its frontier, taken in
 * headless Chromium once they are drawn, under {@code target/screenshots/}:
 * {@code java -cp tools/local-stack/target/local-stack.jar dev.aegan.local.GalleryScreenshots <gallery url> <dataset> [<group>]}
 * (a gallery whose reads are open, as ./run-local's are).
 */
public final class GalleryScreenshots {
    private static final Duration DRAWN_WITHIN = Duration.ofMinutes(2);
    private static final Path DIRECTORY = Path.of("target", "screenshots");

    private GalleryScreenshots() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: GalleryScreenshots <gallery url> <dataset> [<sweep group>]");
            System.exit(2);
        }
        String gallery = args[0].endsWith("/") ? args[0] : args[0] + "/";
        Files.createDirectories(DIRECTORY);
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 1500)) {
            ChromeDriver driver = browser.driver();
            driver.get(gallery + "#dataset=" + URLEncoder.encode(args[1], StandardCharsets.UTF_8));
            save(driver, "dataset-" + args[1], "const img = document.getElementById('dataset-samples');"
                    + "return !document.getElementById('dataset-detail').hidden && !img.hidden && img.complete"
                    + " && img.naturalWidth > 0;");
            if (args.length > 2) {
                driver.get(gallery + "#group=" + URLEncoder.encode(args[2], StandardCharsets.UTF_8));
                save(driver, "frontier-" + args[2],
                        "return document.getElementById('frontier-plot').dataset.points !== '0';");
            }
        }
    }

    private static void save(ChromeDriver driver, String name, String drawn) throws IOException {
        new WebDriverWait(driver, DRAWN_WITHIN).withMessage(() -> name + " drawn")
                .until(d -> Boolean.TRUE.equals(driver.executeScript(drawn)));
        Path file = DIRECTORY.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[screenshots] " + file.toAbsolutePath());
    }
}
