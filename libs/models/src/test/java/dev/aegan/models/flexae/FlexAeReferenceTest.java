package dev.aegan.models.flexae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.models.FamilyReferenceTest;
import dev.aegan.models.ReferenceComparison;
import dev.aegan.models.ReferenceFixtures;
import java.util.List;

/**
 * Losses (5)-(10) of FlexAE and FlexAE-SR and the gradients each sends to every network against an
 * independent PyTorch implementation ({@code libs/models/src/test/python/flexae_reference.py}, float64,
 * penalty gradients by torch.autograd.grad with create_graph) on the same weights and draws: flexae
 * 1x28x28, flexae-sr 3x32x32 and flexae-sr 1x18x22 (a 20x24 canvas cropped).
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}); samples (through
 * P-GEN) and reconstructions in inference mode absolute 1e-5. Measured worst errors are printed after
 * the run.
 */
class FlexAeReferenceTest extends FamilyReferenceTest<FlexAeModel> {

    FlexAeReferenceTest() {
        super(new Fixture<>("FlexAE", "/fixtures/flexae-reference.json", 3, null, FlexAeModel.class, "noiseGenerator"));
    }

    @Override
    protected void check(ReferenceComparison.Case<FlexAeModel> testCase) {
        FlexAeModel model = testCase.model();
        FlexAeObjectives objectives = model.objectives();
        NDArray x = testCase.input("x");
        NDArray noiseCritic = testCase.input("noiseCritic");
        NDArray alphaCritic = testCase.input("alphaCritic");
        NDArray noiseGenerator = testCase.input("noiseGenerator");
        List<String> autoencoder = List.of(FlexAeModel.ENCODER, FlexAeModel.DECODER);
        comparison.check(testCase, "autoencoder", autoencoder, ps -> objectives.autoencoder(ps, x));
        comparison.check(testCase, "latent_critic", List.of(FlexAeModel.LATENT_CRITIC),
                ps -> objectives.latentCritic(ps, x, noiseCritic, alphaCritic));
        if (model.config().smoothing()) {
            NDArray gammaImage = testCase.input("gammaImage");
            NDArray alphaImage = testCase.input("alphaImage");
            NDArray gammaSmoothing = testCase.input("gammaSmoothing");
            int[] partnersImage = ints(testCase.fixture().get("partnersImage"));
            int[] partnersSmoothing = ints(testCase.fixture().get("partnersSmoothing"));
            comparison.check(testCase, "image_critic", List.of(FlexAeModel.IMAGE_CRITIC),
                    ps -> objectives.imageCritic(ps, x, gammaImage, partnersImage, alphaImage));
            comparison.check(testCase, "smoothing", autoencoder,
                    ps -> objectives.smoothing(ps, x, gammaSmoothing, partnersSmoothing));
        } else {
            assertEquals(List.of("autoencoder", "encoder", "latent_critic", "prior_generator"),
                    List.copyOf(ReferenceFixtures.fieldNames(testCase.fixture().get("losses"))));
        }
        comparison.check(testCase, "prior_generator", List.of(FlexAeModel.PRIOR_GENERATOR),
                ps -> objectives.priorGenerator(ps, noiseGenerator));
        comparison.check(testCase, "encoder", List.of(FlexAeModel.ENCODER), ps -> objectives.encoder(ps, x));
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }
}
