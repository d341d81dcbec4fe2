package dev.aegan.models.alphagan;

import ai.djl.ndarray.NDArray;
import dev.aegan.models.FamilyReferenceTest;
import dev.aegan.models.ReferenceComparison;
import java.util.List;

/**
 * The four losses of alpha-GAN and the gradients each sends to every network against an independent
 * PyTorch implementation ({@code libs/models/src/test/python/alphagan_reference.py}, float64) on the same
 * weights and draws: 1x28x28 non-saturating, 3x32x32 density-ratio, 3x18x22 (a 24x24 canvas cropped
 * unevenly) non-saturating.
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}), as for the other
 * families; samples and reconstructions in inference mode absolute 1e-5. Measured worst errors are
 * printed after the run.
 */
class AlphaGanReferenceTest extends FamilyReferenceTest<AlphaGanModel> {

    AlphaGanReferenceTest() {
        super(new Fixture<>("alpha-GAN", "/fixtures/alphagan-reference.json", 3, AlphaGanFamily.NAME,
                AlphaGanModel.class, "zGenerator"));
    }

    @Override
    protected void check(ReferenceComparison.Case<AlphaGanModel> testCase) {
        AlphaGanObjectives objectives = testCase.model().objectives();
        NDArray x = testCase.input("x");
        NDArray zGenerator = testCase.input("zGenerator");
        NDArray zDiscriminator = testCase.input("zDiscriminator");
        NDArray zCode = testCase.input("zCode");
        comparison.check(testCase, "encoder", List.of(AlphaGanModel.ENCODER), ps -> objectives.encoder(ps, x));
        comparison.check(testCase, "generator", List.of(AlphaGanModel.GENERATOR),
                ps -> objectives.generator(ps, x, zGenerator));
        comparison.check(testCase, "discriminator", List.of(AlphaGanModel.DISCRIMINATOR),
                ps -> objectives.discriminator(ps, x, zDiscriminator));
        comparison.check(testCase, "code_discriminator", List.of(AlphaGanModel.CODE_DISCRIMINATOR),
                ps -> objectives.codeDiscriminator(ps, x, zCode));
    }
}
