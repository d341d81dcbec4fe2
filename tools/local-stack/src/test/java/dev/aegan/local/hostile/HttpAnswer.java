package dev.aegan.local.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A service's answer: status, headers (names in lower case) and body. */
record HttpAnswer(int status, Map<String, String> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code code} of a JSON error body {@code {"code", "message"}}, or null when the body is not one. */
    String errorCode() {
        if (!headers.getOrDefault("content-type", "").startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode code = node == null ? null : node.get("code");
            return code != null && code.isTextual() && node.path("message").isTextual() ? code.textValue() : null;
        } catch (IOException e) {
            return null;
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** "400 INVALID_RUN_ID", or the status and the start of whatever else came back. */
    @Override
    public String toString() {
        String code = errorCode();
        if (code != null) {
            return status + " " + code;
        }
        String type = headers.getOrDefault("content-type", "no content type");
        return status + " (" + type + ", " + body.length + " bytes" + (body.length == 0 ? ""
                : ": " + RawHttp.shortened(text().replaceAll("\\s+", " "))) + ")";
    }
}
