package dev.aegan.models.alphagan;

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
 * The four losses of alpha-GAN and the gradients each sends to every network against an independent
 * PyTorch implementation ({@code models/src/test/python/alphagan_reference.py}, float64) on the same
 * weights and draws: 1x28x28 non-saturating, 3x32x32 density-ratio, 3x18x22 (a 24x24 canvas cropped
 * unevenly) non-saturating.
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}), as for the other
 * families; samples and reconstructions in inference mode absolute 1e-5. Measured worst errors are
 * printed after the run.
 */
class AlphaGanReferenceTest {

    private static final ReferenceComparison COMPARISON = new ReferenceComparison(1e-5, 3e-4);

    @Test
    void lossesGradientsAndInferenceMatchTheIndependentReference() {
        JsonNode fixture = ReferenceFixtures.load("/fixtures/alphagan-reference.json");
        assertEquals(3, fixture.get("cases").size());
        for (JsonNode testCase : fixture.get("cases")) {
            check(testCase);
        }
    }

    @AfterAll
    static void report() {
        COMPARISON.report("alpha-GAN");
    }

    private static void check(JsonNode testCase) {
        String name = testCase.get("name").asText();
        JsonNode shapeNode = testCase.get("shape");
        ImageShape shape = new ImageShape(shapeNode.get(0).asInt(), shapeNode.get(1).asInt(), shapeNode.get(2).asInt());
        Map<String, Object> hyperparameters = new ObjectMapper().convertValue(testCase.get("hyperparameters"), Map.class);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                AlphaGanModel model = (AlphaGanModel) ModelRegistry.family(AlphaGanFamily.NAME).create(shape,
                        hyperparameters, Device.cpu())) {
            COMPARISON.loadParameters(model, testCase.get("parameters"), name);
            JsonNode inputs = testCase.get("inputs");
            NDArray x = ReferenceFixtures.tensor(manager, inputs.get("x"));
            NDArray zGenerator = ReferenceFixtures.tensor(manager, inputs.get("zGenerator"));
            NDArray zDiscriminator = ReferenceFixtures.tensor(manager, inputs.get("zDiscriminator"));
            NDArray zCode = ReferenceFixtures.tensor(manager, inputs.get("zCode"));

            // Inference before any training-mode pass updates the batch-norm running statistics.
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("samples").get("data").asText()),
                    model.sample(zGenerator).toFloatArray(), 1e-5, name + " samples");
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("reconstructions").get("data").asText()),
                    model.reconstruct(x).toFloatArray(), 1e-5, name + " reconstructions");

            AlphaGanObjectives objectives = model.objectives();
            COMPARISON.check(model, "encoder", List.of(AlphaGanModel.ENCODER), ps -> objectives.encoder(ps, x),
                    testCase, name + " encoder");
            COMPARISON.check(model, "generator", List.of(AlphaGanModel.GENERATOR),
                    ps -> objectives.generator(ps, x, zGenerator), testCase, name + " generator");
            COMPARISON.check(model, "discriminator", List.of(AlphaGanModel.DISCRIMINATOR),
                    ps -> objectives.discriminator(ps, x, zDiscriminator), testCase, name + " discriminator");
            COMPARISON.check(model, "code_discriminator", List.of(AlphaGanModel.CODE_DISCRIMINATOR),
                    ps -> objectives.codeDiscriminator(ps, x, zCode), testCase, name + " code discriminator");
        }
    }
}
