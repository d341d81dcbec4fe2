package dev.aegan.models.idvae;

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
import dev.aegan.models.nn.OneHot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The three losses of IDVAE and IDVAE(R) and the gradients each sends to every network (shared trunk,
 * both heads, decoder) against an independent PyTorch implementation
 * ({@code models/src/test/python/idvae_reference.py}, float64) on the same weights and draws: idvae
 * 1x28x28, idvae-r 3x32x32, idvae 3x18x22 (a 24x24 canvas cropped unevenly) and c-idvae 1x28x28 on
 * three classes (labels into the trunk after its first convolution and into the decoder; samples
 * cycle the classes, reconstructions take the images' labels), with loss weights away from 1 so that a
 * swapped weight shows.
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}); samples and
 * reconstructions in inference mode absolute 1e-5. Measured worst errors are printed after the run.
 */
class IdvaeReferenceTest {

    private static final ReferenceComparison COMPARISON = new ReferenceComparison(1e-5, 3e-4);

    @Test
    void lossesGradientsAndInferenceMatchTheIndependentReference() {
        JsonNode fixture = ReferenceFixtures.load("/fixtures/idvae-reference.json");
        assertEquals(4, fixture.get("cases").size());
        for (JsonNode testCase : fixture.get("cases")) {
            check(testCase);
        }
    }

    @AfterAll
    static void report() {
        COMPARISON.report("IDVAE");
    }

    private static void check(JsonNode testCase) {
        String name = testCase.get("name").asText();
        JsonNode shapeNode = testCase.get("shape");
        ImageShape shape = new ImageShape(shapeNode.get(0).asInt(), shapeNode.get(1).asInt(), shapeNode.get(2).asInt());
        Map<String, Object> hyperparameters = new ObjectMapper().convertValue(testCase.get("hyperparameters"), Map.class);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                IdvaeModel model = (IdvaeModel) ModelRegistry.family(testCase.get("family").asText()).create(shape,
                        hyperparameters, Device.cpu())) {
            COMPARISON.loadParameters(model, testCase.get("parameters"), name);
            JsonNode inputs = testCase.get("inputs");
            NDArray x = ReferenceFixtures.tensor(manager, inputs.get("x"));
            NDArray epsDiscriminator = ReferenceFixtures.tensor(manager, inputs.get("epsDiscriminator"));
            NDArray priorDiscriminator = ReferenceFixtures.tensor(manager, inputs.get("priorDiscriminator"));
            NDArray epsEncoder = ReferenceFixtures.tensor(manager, inputs.get("epsEncoder"));
            NDArray epsDecoder = ReferenceFixtures.tensor(manager, inputs.get("epsDecoder"));
            NDArray priorDecoder = ReferenceFixtures.tensor(manager, inputs.get("priorDecoder"));
            int[] labels = testCase.get("labels").isNull() ? null
                    : new ObjectMapper().convertValue(testCase.get("labels"), int[].class);
            assertEquals(labels == null ? 0 : hyperparameters.get("classes"), model.classes());
            NDArray condition = labels == null ? null : OneHot.encode(manager, labels, model.classes());

            // Inference before any training-mode pass updates the batch-norm running statistics.
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("samples").get("data").asText()),
                    model.sample(priorDecoder).toFloatArray(), 1e-5, name + " samples");
            COMPARISON.assertClose(ReferenceFixtures.floats(testCase.get("reconstructions").get("data").asText()),
                    model.reconstruct(x, labels).toFloatArray(), 1e-5, name + " reconstructions");

            IdvaeObjectives objectives = model.objectives();
            COMPARISON.check(model, "discriminator", List.of(IdvaeModel.SHARED, IdvaeModel.DISCRIMINATOR_HEAD),
                    ps -> objectives.discriminator(ps, x, condition, epsDiscriminator, priorDiscriminator), testCase,
                    name + " discriminator");
            COMPARISON.check(model, "encoder", List.of(IdvaeModel.SHARED, IdvaeModel.ENCODER_HEAD),
                    ps -> objectives.encoder(ps, x, condition, epsEncoder), testCase, name + " encoder");
            COMPARISON.check(model, "decoder", List.of(IdvaeModel.DECODER),
                    ps -> objectives.decoder(ps, x, condition, epsDecoder, priorDecoder), testCase, name + " decoder");
        }
    }
}
