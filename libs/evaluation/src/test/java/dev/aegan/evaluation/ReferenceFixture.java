package dev.aegan.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The fixture {@code evaluation-reference.json} that {@code src/test/python/evaluation_reference.py}
 * writes: matrices as {@code {"rows", "columns", "data": base64 little-endian float32}}, images as
 * {@code {"count", "channels", "height", "width", "data": base64 uint8}}, reference values as numbers.
 */
public final class ReferenceFixture {

    public static final JsonNode ROOT = load();

    private ReferenceFixture() {
    }

    public static JsonNode get(String... path) {
        JsonNode node = ROOT;
        for (String key : path) {
            node = node.get(key);
            if (node == null) {
                throw new IllegalStateException("the fixture has no " + String.join(".", path)
                        + "; regenerate it with evaluation_reference.py");
            }
        }
        return node;
    }

    public static FeatureMatrix matrix(JsonNode node) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(node.get("data").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return FeatureMatrix.ofFloats(node.get("rows").asInt(), node.get("columns").asInt(), values);
    }

    public static UnitIntervalImages images(JsonNode node) {
        return UnitIntervalImages.fromUint8(node.get("count").asInt(), node.get("channels").asInt(), node.get("height").asInt(),
                node.get("width").asInt(), Base64.getDecoder().decode(node.get("data").asText()));
    }

    public static double relativeError(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    private static JsonNode load() {
        try (InputStream in = ReferenceFixture.class.getResourceAsStream("evaluation-reference.json")) {
            if (in == null) {
                throw new IllegalStateException("fixture evaluation-reference.json is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
