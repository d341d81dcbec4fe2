package dev.aegan.models.wae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import dev.aegan.models.FamilyReferenceTest;
import dev.aegan.models.ReferenceComparison;
import dev.aegan.models.ReferenceFixtures;
import java.util.List;

/**
 * Every loss of WAE-MMD and WAE-GAN and the gradients it sends to every network against an
 * independent PyTorch implementation ({@code libs/models/src/test/python/wae_reference.py}, float64) on
 * the same weights and prior draws: 1x28x28 (both penalties), 3x18x22 (a canvas of 20x24 cropped
 * unevenly, MMD) and 3x32x32 (GAN), and on FlexAE's network with the authors' reconstruction cost 1x28x28
 * (MMD) and 3x18x22 (GAN).
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}); samples and
 * reconstructions in inference mode absolute 1e-5. Measured worst errors are printed after the run.
 */
class WaeReferenceTest extends FamilyReferenceTest<WaeModel> {

    WaeReferenceTest() {
        super(new Fixture<>("WAE", "/fixtures/wae-reference.json", 6, null, WaeModel.class, "zPrior"));
    }

    @Override
    protected void check(ReferenceComparison.Case<WaeModel> testCase) {
        WaeModel model = testCase.model();
        WaeObjectives objectives = model.objectives();
        NDArray x = testCase.input("x");
        NDArray zPrior = testCase.input("zPrior");
        List<String> autoencoder = List.of(WaeModel.ENCODER, WaeModel.DECODER);
        List<String> phases = List.copyOf(ReferenceFixtures.fieldNames(testCase.fixture().get("losses")));
        if (model.config().penalty() == WaeFamily.Penalty.GAN) {
            assertEquals(List.of(WaeModel.ADVERSARY, WaeModel.AUTOENCODER), phases);
            comparison.check(testCase, WaeModel.ADVERSARY, List.of(WaeModel.ADVERSARY),
                    ps -> objectives.adversary(ps, x, zPrior));
            comparison.check(testCase, WaeModel.AUTOENCODER, autoencoder,
                    ps -> objectives.autoencoderWithAdversary(ps, x));
        } else {
            assertEquals(List.of(WaeModel.AUTOENCODER), phases);
            comparison.check(testCase, WaeModel.AUTOENCODER, autoencoder,
                    ps -> objectives.autoencoderWithMmd(ps, x, zPrior));
        }
    }
}
