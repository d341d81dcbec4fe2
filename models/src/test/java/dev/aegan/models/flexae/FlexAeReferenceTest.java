package dev.aegan.models.flexae;

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
 * Losses (5)-(10) of FlexAE and FlexAE-SR and the gradients each sends to every network against an
 * independent PyTorch implementation ({@code models/src/test/python/flexae_reference.py}, float64,
 * penalty gradients by torch.autograd.grad with create_graph) on the same weights and draws: flexae
 * 1x28x28, flexae-sr 3x32x32 and flexae-sr 1x18x22 (a 20x24 canvas cropped).
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}); samples (through
 * P-GEN) and reconstructions in inference mode absolute 1e-5. Measured worst errors are printed after
 * the run.
 */
class FlexAeReferenceTest {

    private static final ReferenceComparison COMPARISON = new ReferenceComparison(1e-5, 3e-4);

    @Test
    void lossesGradientsAndInferenceMatchTheIndependentReference() {
        JsonNode fixture = ReferenceFixtures.load("/fixtures/flexae-reference.json");
        assertEquals(3, fixture.get("cases").size());
        for (JsonNode testCase : fixture.get("cases")) {
            check(testCase);
        }
    }

    @AfterAll
    static void report() {
        COMPARISON.report("FlexAE");
    }

    private static void check(JsonNode testCase) {
        String name = testCase.get("name").asText();
        JsonNode shapeNode = testCase.get("shape");
        ImageShape shape = new ImageShape(shapeNode.get(0).asInt(), shapeNode.get(1).asInt(), shapeNode.get(2).asInt());
        Map<String, Object> hyperparameters = new ObjectMapper().convertValue(testCase.get("hyperparameters"), Map.class);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                FlexAeModel model = (FlexAeModel) ModelRegistry.family(testCase.get("family").asText()).create(shape,
                        hyperparameters, Device.cpu())) {
            COMPARISON.loadParameters(model, testCase.get("parameters"), name);
            JsonNode inputs = testCase.get("inputs");
            NDArray x = ReferenceFixtures.tensor(manager, inputs.get("x"));
            NDArray noiseCritic = ReferenceFixtures.tensor(manager, inputs.get("noiseCritic"));
            NDArray alphaCritic = ReferenceFixtures.tensor(manager, inputs.get("alphaCritic"));
            NDArray noiseGenerator = ReferenceFixtures.tensor(manager, inputs.get("noiseGenerator"));

            // Inference before any training-mode pass updates the batch-norm running statistics.
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("samples").get("data").asText()),
                    model.sample(noiseGenerator).toFloatArray(), 1e-5, name + " samples");
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("reconstructions").get("data").asText()),
                    model.reconstruct(x).toFloatArray(), 1e-5, name + " reconstructions");

            FlexAeObjectives objectives = model.objectives();
            List<String> autoencoder = List.of(FlexAeModel.ENCODER, FlexAeModel.DECODER);
            COMPARISON.check(model, "autoencoder", autoencoder, ps -> objectives.autoencoder(ps, x), testCase,
                    name + " autoencoder");
            COMPARISON.check(model, "latent_critic", List.of(FlexAeModel.LATENT_CRITIC),
                    ps -> objectives.latentCritic(ps, x, noiseCritic, alphaCritic), testCase, name + " latent critic");
            if (model.config().smoothing()) {
                NDArray gammaImage = ReferenceFixtures.tensor(manager, inputs.get("gammaImage"));
                NDArray alphaImage = ReferenceFixtures.tensor(manager, inputs.get("alphaImage"));
                NDArray gammaSmoothing = ReferenceFixtures.tensor(manager, inputs.get("gammaSmoothing"));
                int[] partnersImage = ints(testCase.get("partnersImage"));
                int[] partnersSmoothing = ints(testCase.get("partnersSmoothing"));
                COMPARISON.check(model, "image_critic", List.of(FlexAeModel.IMAGE_CRITIC),
                        ps -> objectives.imageCritic(ps, x, gammaImage, partnersImage, alphaImage), testCase,
                        name + " image critic");
                COMPARISON.check(model, "smoothing", autoencoder,
                        ps -> objectives.smoothing(ps, x, gammaSmoothing, partnersSmoothing), testCase,
                        name + " smoothing");
            } else {
                assertEquals(List.of("autoencoder", "encoder", "latent_critic", "prior_generator"),
                        List.copyOf(ReferenceFixtures.fieldNames(testCase.get("losses"))));
            }
            COMPARISON.check(model, "prior_generator", List.of(FlexAeModel.PRIOR_GENERATOR),
                    ps -> objectives.priorGenerator(ps, noiseGenerator), testCase, name + " prior generator");
            COMPARISON.check(model, "encoder", List.of(FlexAeModel.ENCODER), ps -> objectives.encoder(ps, x), testCase,
                    name + " encoder");
        }
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
