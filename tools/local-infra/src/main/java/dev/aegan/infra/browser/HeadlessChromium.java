package dev.aegan.infra.browser;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven through chromedriver, for browser tests. Both executables are
 * named explicitly, so Selenium Manager never tries to download a driver or a browser (test
 * machines have no internet). Each instance gets a fresh profile directory, deleted on close, so
 * tests share no cache, cookies or service workers.
 *
 * <p>Paths default to Debian's {@code chromium} and {@code chromium-driver} packages; override
 * them with the system properties {@value #BINARY_PROPERTY} and {@value #DRIVER_PROPERTY}.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final String BINARY_PROPERTY = "aegan.chromium.binary";
    public static final String DRIVER_PROPERTY = "aegan.chromedriver";
    /**
     * Loggers that warn on every start that Selenium has no Chrome DevTools binding for the
     * installed Chromium (Debian's is newer than any Selenium 4.38 ships). Tests use WebDriver
     * only, never CDP, so the warning is noise; held here so the level setting is not collected.
     */
    private static final List<Logger> CDP_WARNINGS = List.of(
            Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        CDP_WARNINGS.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    private final ChromeDriver driver;
    private final Path profileDir;
    /** What went wrong in the browser; null unless started watching. */
    private final BrowserProblems problems;

    private HeadlessChromium(ChromeDriver driver, Path profileDir, BrowserProblems problems) {
        this.driver = driver;
        this.profileDir = profileDir;
        this.problems = problems;
    }

    /** A browser with a 1400 x 1000 viewport. */
    public static HeadlessChromium start() {
        return start(1400, 1000);
    }

    public static HeadlessChromium start(int width, int height) {
        return start(width, height, false);
    }

    /**
     * A browser that records its console and its network traffic (Chrome DevTools events, through
     * chromedriver's logs), so that {@link #problems()} can tell what went wrong in it.
     */
    public static HeadlessChromium startWatching(int width, int height) {
        return start(width, height, true);
    }

    private static HeadlessChromium start(int width, int height, boolean watching) {
        Path binary = Path.of(System.getProperty(BINARY_PROPERTY, "/usr/bin/chromium"));
        Path driverExecutable = Path.of(System.getProperty(DRIVER_PROPERTY, "/usr/bin/chromedriver"));
        for (Path executable : new Path[] {binary, driverExecutable}) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is not an executable; install Debian's chromium and "
                        + "chromium-driver or set -D" + BINARY_PROPERTY + " / -D" + DRIVER_PROPERTY);
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("aegan-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-quic",
                        "--window-size=" + width + "," + height,
                        "--user-data-dir=" + profile.toAbsolutePath());
        if (watching) {
            BrowserProblems.record(options);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExecutable.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), profile,
                    watching ? new BrowserProblems() : null);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * What went wrong in the browser since the last call: console errors, uncaught exceptions and
     * failed requests (see {@link BrowserProblems}); only for a browser started with {@link #startWatching}.
     */
    public List<String> problems() {
        if (problems == null) {
            throw new IllegalStateException("this browser does not record its console and network; use startWatching");
        }
        return problems.drain(driver);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profileDir);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temp profile is harmless; the test result must not depend on it
        }
    }
}
