package dev.aegan.infra.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadlessChromiumTest {

    @Test
    void runsScriptsOfAPageOffline() {
        String page = "<html><body><p id='out'></p><script>"
                + "document.getElementById('out').textContent = String(6 * 7);</script></body></html>";
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.driver().get("data:text/html;charset=utf-8,"
                    + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
            assertEquals("42", browser.driver().findElement(By.id("out")).getText());
        }
    }
}
