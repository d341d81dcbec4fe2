package dev.aegan.gallery.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The page's js/events.js names exactly the event types the server sends, with the same wire names. */
class GalleryEventMirrorTest {
    private static final String MODULE = "/META-INF/resources/js/events.js";
    private static final Pattern FROZEN = Pattern.compile(
            "export const GalleryEvent = Object\\.freeze\\(\\{(.*?)\\}\\);", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("([A-Z_]+): '([^']*)'");

    @Test
    void theJavaScriptMirrorListsEveryGalleryEventByItsWireName() throws IOException {
        Map<String, String> server = new LinkedHashMap<>();
        Arrays.stream(GalleryEvent.values()).forEach(event -> server.put(event.name(), event.wireName()));

        assertEquals(server, mirrored(), MODULE + " mirrors GalleryEvent, in its order");
    }

    private static Map<String, String> mirrored() throws IOException {
        String source;
        try (InputStream in = GalleryEventMirrorTest.class.getResourceAsStream(MODULE)) {
            assertNotNull(in, MODULE + " is on the class path");
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher block = FROZEN.matcher(source);
        assertTrue(block.find(), MODULE + " defines `export const GalleryEvent = Object.freeze({...});`");
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : block.group(1).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            Matcher pair = ENTRY.matcher(entry.strip());
            if (!pair.matches()) {
                fail(MODULE + ": not a NAME: 'wire-name' entry: " + entry.strip());
            }
            entries.put(pair.group(1), pair.group(2));
        }
        return entries;
    }
}
