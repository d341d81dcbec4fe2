package dev.aegan.infra.browser;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrowserProblemsTest {
    private static final String CLEAN = "<html><head><link rel='icon' href='data:,'></head><body><p id='done'></p>"
            + "<script>document.getElementById('done').textContent = 'done';</script></body></html>";
    private static final String BROKEN = "<html><head><link rel='icon' href='data:,'></head><body><p id='done'></p>"
            + "<script>"
            + "console.error('something broke');"
            + "fetch('/missing').then(() => fetch(location.search.slice(1))).catch(() => {})"
            + "  .finally(() => { document.getElementById('done').textContent = 'done'; });"
            + "setTimeout(() => { throw new Error('thrown and not caught'); });"
            + "</script></body></html>";

    @Test
    void reportsConsoleErrorsUncaughtExceptionsAndFailedRequestsButNothingOnACleanPage() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = (path.equals("/clean") ? CLEAN : path.equals("/broken") ? BROKEN : "not here")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(path.equals("/clean") || path.equals("/broken") ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        String refused = "http://127.0.0.1:" + closedPort() + "/refused";
        try (HeadlessChromium browser = HeadlessChromium.startWatching(800, 600)) {
            browser.driver().get(base + "/clean");
            awaitDone(browser);
            assertEquals(List.of(), browser.problems());

            browser.driver().get(base + "/broken?" + refused);
            awaitDone(browser);
            List<String> problems = new ArrayList<>();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
                problems.addAll(browser.problems());
                return problems.stream().anyMatch(p -> p.contains("thrown and not caught"));
            });
            String all = String.join("\n", problems);
            assertTrue(all.contains("console: ") && all.contains("something broke"), all);
            assertTrue(all.contains("HTTP 404: " + base + "/missing"), all);
            assertTrue(all.contains("request failed: net::ERR_CONNECTION_REFUSED: " + refused), all);
        } finally {
            server.stop(0);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitDone(HeadlessChromium browser) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> "done".equals(d.findElement(By.id("done")).getText()));
    }
}
