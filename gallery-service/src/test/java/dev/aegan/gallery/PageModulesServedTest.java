package dev.aegan.gallery;

import dev.aegan.infra.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's ES modules, as a browser fetches them: the entry module the page names and every module
 * it imports, each served with a JavaScript MIME type (browsers refuse a module script of any other
 * type) and without a Content-Security-Policy that could block them.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class PageModulesServedTest {
    private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"></script>");
    private static final Pattern IMPORT = Pattern.compile("\\bfrom '\\./([^']+)';");
    private static final Pattern JAVASCRIPT = Pattern.compile("^(text|application)/javascript(;.*)?$");

    @Test
    void everyModuleReachableFromThePageIsServedAsJavaScript() throws IOException {
        Response page = given().get("/").then().statusCode(200).extract().response();
        assertNull(page.header("Content-Security-Policy"));
        Matcher entry = ENTRY.matcher(page.asString());
        assertTrue(entry.find(), "index.html loads its entry module with <script type=\"module\">");

        Set<String> served = new TreeSet<>();
        Deque<String> toFetch = new ArrayDeque<>(Set.of("/" + entry.group(1)));
        while (!toFetch.isEmpty()) {
            String path = toFetch.pop();
            if (!served.add(path)) {
                continue;
            }
            Response module = given().get(path).then().statusCode(200).extract().response();
            assertTrue(JAVASCRIPT.matcher(module.contentType()).matches(), path + " is served as " + module.contentType());
            assertNull(module.header("Content-Security-Policy"), path);
            String folder = path.substring(0, path.lastIndexOf('/') + 1);
            IMPORT.matcher(module.asString()).results().forEach(found -> toFetch.push(folder + found.group(1)));
        }
        assertEquals(modulesInSources(), served, "every module of the page is reached from its entry module");
    }

    private static Set<String> modulesInSources() throws IOException {
        return PageFiles.endingWith(".js").stream()
                .map(file -> "/" + PageFiles.ROOT.relativize(file).toString().replace('\\', '/'))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
