package dev.aegan.infra.browser;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * What went wrong in a page, read from chromedriver's logs: the browser's console (console.error,
 * uncaught exceptions and unhandled rejections, resources that failed to load are all SEVERE there)
 * and the DevTools network events (every response with an HTTP status of 400 or more, every request
 * that failed without one). A request cancelled by the browser itself (the page navigated away while
 * it was open, as a live stream always is) is no failure, nor is one no page sent (the browser's own,
 * such as the navigation chromedriver starts a tab with).
 */
final class BrowserProblems {
    private static final Json JSON = new Json();

    /** Request id -> url of every request a page sent: a failure names only the request id. */
    private final Map<Object, Object> urls = new HashMap<>();

    static void record(ChromeOptions options) {
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
    }

    /** Reads (and so empties) both logs. */
    List<String> drain(ChromeDriver driver) {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add("console: " + entry.getMessage());
            }
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String problem = networkProblem(entry.getMessage());
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private String networkProblem(String logged) {
        Map<String, Object> entry = JSON.toType(logged, Map.class);
        Map<String, Object> message = (Map<String, Object>) entry.get("message");
        Map<String, Object> params = (Map<String, Object>) message.getOrDefault("params", Map.of());
        switch (String.valueOf(message.get("method"))) {
            case "Network.requestWillBeSent" -> {
                urls.put(params.get("requestId"), ((Map<String, Object>) params.get("request")).get("url"));
                return null;
            }
            case "Network.responseReceived" -> {
                Map<String, Object> response = (Map<String, Object>) params.get("response");
                long status = ((Number) response.get("status")).longValue();
                return status >= 400 ? "HTTP " + status + ": " + response.get("url") : null;
            }
            case "Network.loadingFailed" -> {
                Object url = urls.get(params.get("requestId"));
                return url == null || Boolean.TRUE.equals(params.get("canceled")) ? null
                        : "request failed: " + params.get("errorText") + ": " + url;
            }
            default -> {
                return null;
            }
        }
    }
}
