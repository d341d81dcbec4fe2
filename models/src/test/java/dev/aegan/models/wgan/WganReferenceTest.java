package dev.aegan.models.wgan;

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
 * The critic and generator losses of WGAN-GP and the gradients they send to both networks against
 * an independent PyTorch implementation ({@code models/src/test/python/wgan_reference.py}, float64,
 * input gradient by torch.autograd.grad with create_graph) on the same weights and draws: 1x28x28,
 * 3x32x32 and 3x20x24 (canvas 24x24 cropped unevenly).
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5; gradients 3e-4
 * relative L2 per parameter tensor (see {@link ReferenceComparison}), as for lambda-IJAE; samples in
 * inference mode (batch norm on running statistics) absolute 1e-5. Measured worst errors are
 * printed after the run.
 */
class WganReferenceTest {

    private static final ReferenceComparison COMPARISON = new ReferenceComparison(1e-5, 3e-4);

    @Test
    void lossesGradientsAndSamplesMatchTheIndependentReference() {
        JsonNode fixture = ReferenceFixtures.load("/fixtures/wgan-reference.json");
        assertEquals(3, fixture.get("cases").size());
        for (JsonNode testCase : fixture.get("cases")) {
            check(testCase);
        }
    }

    @AfterAll
    static void report() {
        COMPARISON.report("WGAN-GP");
    }

    private static void check(JsonNode testCase) {
        String name = testCase.get("name").asText();
        JsonNode shapeNode = testCase.get("shape");
        ImageShape shape = new ImageShape(shapeNode.get(0).asInt(), shapeNode.get(1).asInt(), shapeNode.get(2).asInt());
        Map<String, Object> hyperparameters = new ObjectMapper().convertValue(testCase.get("hyperparameters"), Map.class);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                WganModel model = (WganModel) ModelRegistry.family(WganFamily.NAME).create(shape, hyperparameters,
                        Device.cpu())) {
            COMPARISON.loadParameters(model, testCase.get("parameters"), name);
            JsonNode inputs = testCase.get("inputs");
            NDArray x = ReferenceFixtures.tensor(manager, inputs.get("x"));
            NDArray zCritic = ReferenceFixtures.tensor(manager, inputs.get("zCritic"));
            NDArray eps = ReferenceFixtures.tensor(manager, inputs.get("eps"));
            NDArray zGenerator = ReferenceFixtures.tensor(manager, inputs.get("zGenerator"));

            // Inference before any training-mode pass updates the batch-norm running statistics.
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("samples").get("data").asText()),
                    model.sample(zGenerator).toFloatArray(), 1e-5, name + " samples");

            WganObjectives objectives = model.objectives();
            COMPARISON.check(model, WganModel.CRITIC, List.of(WganModel.CRITIC),
                    ps -> objectives.critic(ps, x, zCritic, eps), testCase, name + " critic");
            COMPARISON.check(model, WganModel.GENERATOR, List.of(WganModel.GENERATOR),
                    ps -> objectives.generator(ps, zGenerator), testCase, name + " generator");
        }
    }
}
