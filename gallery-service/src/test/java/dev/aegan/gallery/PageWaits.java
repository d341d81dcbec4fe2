package dev.aegan.gallery;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** Reading the gallery page in a page test: waits on what it shows, never on time. */
final class PageWaits {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private PageWaits() {
    }

    static WebDriverWait waitOn(ChromeDriver driver) {
        return new WebDriverWait(driver, TIMEOUT);
    }

    /** The text of the first element the selector matches, read in one go (the page redraws tables as events come). */
    static String text(ChromeDriver driver, String selector) {
        return (String) driver.executeScript(
                "const node = document.querySelector(arguments[0]); return node ? node.textContent : null;", selector);
    }

    static void awaitText(ChromeDriver driver, String selector, String expected) {
        waitOn(driver).withMessage(() -> selector + " shows " + expected + ", not " + text(driver, selector))
                .until(d -> expected.equals(text(driver, selector)));
    }
}
