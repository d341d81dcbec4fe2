package dev.aegan.models.wae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.ImageShape;
import dev.aegan.models.ModelRegistry;
import dev.aegan.models.ReferenceComparison;
import dev.aegan.models.ReferenceFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every loss of WAE-MMD and WAE-GAN and the gradients it sends to every network against an
 * independent PyTorch implementation ({@code models/src/test/python/wae_reference.py}, float64) on
 * the same weights and prior draws: 1x28x28 (both penalties), 3x18x22 (a canvas of 20x24 cropped
 * unevenly, MMD) and 3x32x32 (GAN).
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}); samples and
 * reconstructions in inference mode absolute 1e-5. Measured worst errors are printed after the run.
 */
class WaeReferenceTest {

    private static final ReferenceComparison COMPARISON = new ReferenceComparison(1e-5, 3e-4);

    @Test
    void lossesGradientsAndInferenceMatchTheIndependentReference() {
        JsonNode fixture = ReferenceFixtures.load("/fixtures/wae-reference.json");
        assertEquals(4, fixture.get("cases").size());
        for (JsonNode testCase : fixture.get("cases")) {
            check(testCase);
        }
    }

    @AfterAll
    static void report() {
        COMPARISON.report("WAE");
    }

    private static void check(JsonNode testCase) {
        String name = testCase.get("name").asText();
        JsonNode shapeNode = testCase.get("shape");
        ImageShape shape = new ImageShape(shapeNode.get(0).asInt(), shapeNode.get(1).asInt(), shapeNode.get(2).asInt());
        Map<String, Object> hyperparameters = new ObjectMapper().convertValue(testCase.get("hyperparameters"), Map.class);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                WaeModel model = (WaeModel) ModelRegistry.family(testCase.get("family").asText()).create(shape,
                        hyperparameters, Device.cpu())) {
            COMPARISON.loadParameters(model, testCase.get("parameters"), name);
            NDArray x = ReferenceFixtures.tensor(manager, testCase.get("inputs").get("x"));
            NDArray zPrior = ReferenceFixtures.tensor(manager, testCase.get("inputs").get("zPrior"));

            // Inference before any training-mode pass updates the batch-norm running statistics.
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("samples").get("data").asText()),
                    model.sample(zPrior).toFloatArray(), 1e-5, name + " samples");
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("reconstructions").get("data").asText()),
                    model.reconstruct(x).toFloatArray(), 1e-5, name + " reconstructions");

            WaeObjectives objectives = model.objectives();
            List<String> autoencoder = List.of(WaeModel.ENCODER, WaeModel.DECODER);
            if (model.config().penalty() == WaeFamily.Penalty.GAN) {
                assertEquals(List.of(WaeModel.ADVERSARY, WaeModel.AUTOENCODER),
                        List.copyOf(ReferenceFixtures.fieldNames(testCase.get("losses"))));
                COMPARISON.check(model, WaeModel.ADVERSARY, List.of(WaeModel.ADVERSARY),
                        ps -> objectives.adversary(ps, x, zPrior), testCase, name + " adversary");
                COMPARISON.check(model, WaeModel.AUTOENCODER, autoencoder,
                        ps -> objectives.autoencoderWithAdversary(ps, x), testCase, name + " autoencoder");
            } else {
                assertEquals(List.of(WaeModel.AUTOENCODER), List.copyOf(ReferenceFixtures.fieldNames(testCase.get("losses"))));
                COMPARISON.check(model, WaeModel.AUTOENCODER, autoencoder,
                        ps -> objectives.autoencoderWithMmd(ps, x, zPrior), testCase, name + " autoencoder");
            }
        }
    }
}
