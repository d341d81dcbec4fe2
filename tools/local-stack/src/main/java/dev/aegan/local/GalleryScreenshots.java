package dev.aegan.local;

import dev.aegan.infra.browser.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * PNG screenshots of a running gallery's views, taken in headless Chromium once they are drawn, under
 * {@code target/screenshots/}. Each argument after the URL is an address the page knows:
 * {@code java -cp tools/local-stack/target/local-stack.jar dev.aegan.local.GalleryScreenshots <gallery url>
 * dataset=<name> run=<id> group=<sweep> study=<name>} (a gallery whose reads are open, as ./run-local's are). A run gives
 * the whole run page and one picture per card (metric charts, interpolations, nearest training images).
 */
public final class GalleryScreenshots {
    private static final Duration DRAWN_WITHIN = Duration.ofMinutes(2);
    private static final Path DIRECTORY = Path.of("target", "screenshots");
    private static final List<String> RUN_CARDS = List.of("metric-charts-card", "interpolations-card", "neighbours-card");

    private GalleryScreenshots() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !List.of(args).subList(1, args.length).stream().allMatch(a -> a.matches("(dataset|run|group|study)=.+"))) {
            System.err.println("usage: GalleryScreenshots <gallery url> [dataset=<name>] [run=<id>] [group=<sweep>] [study=<name>]...");
            System.exit(2);
        }
        String gallery = args[0].endsWith("/") ? args[0] : args[0] + "/";
        Files.createDirectories(DIRECTORY);
        try (HeadlessChromium browser = HeadlessChromium.start(1400, 4000)) {
            ChromeDriver driver = browser.driver();
            for (String address : List.of(args).subList(1, args.length)) {
                String kind = address.substring(0, address.indexOf('='));
                String name = address.replace('=', '-').replaceAll("[^A-Za-z0-9._-]", "_");
                driver.get("about:blank");
                driver.get(gallery + "#" + address);
                switch (kind) {
                    case "dataset" -> save(driver, name, "const img = document.getElementById('dataset-samples');"
                            + "return !document.getElementById('dataset-detail').hidden && !img.hidden && img.complete"
                            + " && img.naturalWidth > 0;");
                    case "group" -> save(driver, name,
                            "return document.getElementById('frontier-plot').dataset.points !== '0';");
                    case "study" -> save(driver, name, "const img = document.getElementById('study-figure');"
                            + "return !document.getElementById('study-detail').hidden && img !== null && img.complete"
                            + " && img.naturalWidth > 0;");
                    default -> {
                        save(driver, name, "const img = document.getElementById('samples');"
                                + "return !img.hidden && img.complete && img.naturalWidth > 0"
                                + " && document.getElementById('neighbours-status').dataset.state !== undefined"
                                + " && [...document.images].every((i) => !i.getAttribute('src') || i.complete);");
                        for (String card : RUN_CARDS) {
                            if (!driver.findElement(By.id(card)).isDisplayed()) {
                                System.out.println("[screenshots] " + card + " is not shown (nothing to show yet)");
                                continue;
                            }
                            Path file = DIRECTORY.resolve(name + "-" + card + ".png");
                            Files.copy(driver.findElement(By.id(card)).getScreenshotAs(OutputType.FILE).toPath(), file,
                                    StandardCopyOption.REPLACE_EXISTING);
                            System.out.println("[screenshots] " + file.toAbsolutePath());
                        }
                    }
                }
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
