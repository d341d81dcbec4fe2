package dev.aegan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubectl kustomize}, as a user renders an overlay. Kustomize 5.5 (kubectl 1.32) or newer is
 * required: older ones (Debian's kubernetes-client 1.20 bundles Kustomize 2) lack Components and the
 * {@code labels} field, so they are refused with a message rather than used.
 */
public final class Kustomize {
    static final String MINIMUM = "5.5";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)");

    private Kustomize() {
    }

    /** The rendered overlay, as multi-document YAML. */
    public static String render(Path folder) {
        requireVersion();
        return run(List.of("kubectl", "kustomize", folder.toString()));
    }

    static void requireVersion() {
        String version;
        try {
            JsonNode client = new ObjectMapper().readTree(run(List.of("kubectl", "version", "--client", "-o", "json")));
            version = client.path("kustomizeVersion").asText("");
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("kubectl with Kustomize " + MINIMUM + "+ is needed to render k8s/ (kubectl 1.32 "
                    + "bundles Kustomize 5.5); Debian's kubernetes-client 1.20 is too old. " + e.getMessage(), e);
        }
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.find() || !atLeast(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)))) {
            throw new IllegalStateException("kubectl bundles Kustomize '" + version + "'; k8s/ needs " + MINIMUM
                    + " or newer (kubectl 1.32+; Debian's kubernetes-client 1.20 is too old)");
        }
    }

    private static boolean atLeast(int major, int minor) {
        String[] minimum = MINIMUM.split("\\.");
        int wantedMajor = Integer.parseInt(minimum[0]);
        return major > wantedMajor || major == wantedMajor && minor >= Integer.parseInt(minimum[1]);
    }

    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            process.getInputStream().transferTo(output);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output.toString(StandardCharsets.UTF_8));
            }
            return output.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": kubectl 1.32+ (Kustomize " + MINIMUM
                    + "+) is needed to render k8s/", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
