package dev.aegan.evaluation.metrics;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.features.LpipsNetwork;
import dev.aegan.evaluation.images.Images;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code lpips_reconstruction} with a tiny LPIPS-shaped TorchScript network
 * ({@code src/test/python/tiny_lpips_net.py}: 3 channels in [-1, 1], two conv layers, channel-normalised
 * squared differences, "lin" weights) against the distances torch 1.13 gives on the fixture's first SSIM
 * case (8 grayscale pairs, repeated to 3 channels): 1e-5 relative, the float32 network's rounding.
 */
class LpipsReconstructionMetricTest {
    private static final Path NETWORK = Path.of("src/test/resources/dev/aegan/evaluation/features/tiny-lpips.pt");

    @Test
    void isTheMeanOfTheNetworksDistancesOverPairs() throws IOException {
        JsonNode expected = expected();
        JsonNode cases = get("ssim", "cases").get(0);
        DatasetImages originals = dataset(cases.get("x"));
        Images reconstructions = Images.fromDataset(dataset(cases.get("y")));
        try (LpipsNetwork network = LpipsNetwork.load(NETWORK, Optional.empty(), Optional.of(3), "minus-one-to-one")) {
            double[] distances = network.distances(Images.fromDataset(originals), reconstructions, 3);
            for (int i = 0; i < distances.length; i++) {
                double reference = expected.get("distances").get(i).asDouble();
                assertEquals(reference, distances[i], 1e-5 * reference, "pair " + i);
            }
            List<MetricValue> values = new LpipsReconstructionMetric(network, 5)
                    .compute(new PixelInputs(null, originals, reconstructions, null, null));
            assertEquals(1, values.size());
            MetricValue value = values.get(0);
            assertEquals("lpips_reconstruction", value.metric());
            assertEquals("lpips", value.extractor());
            assertEquals(8, value.sampleCount());
            assertEquals(expected.get("mean").asDouble(), value.value(), 1e-5 * value.value());
            // the fixture's last pair is unrelated images
            assertTrue(distances[7] > 2 * distances[0]);
        }
    }

    @Test
    void aMissingFileNamesTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LpipsNetwork.load(Path.of("no-such.pt"), Optional.empty(), Optional.empty(), "minus-one-to-one"));
        assertTrue(e.getMessage().startsWith("aegan.metrics.lpips.path"), e.getMessage());
    }

    private static DatasetImages dataset(JsonNode node) {
        int count = node.get("count").asInt();
        return new DatasetImages("fixture", Split.HELDOUT, node.get("channels").asInt(), node.get("height").asInt(),
                node.get("width").asInt(), Base64.getDecoder().decode(node.get("data").asText()), new int[count]);
    }

    private static JsonNode expected() throws IOException {
        try (InputStream in = LpipsNetwork.class.getResourceAsStream("tiny-lpips.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
