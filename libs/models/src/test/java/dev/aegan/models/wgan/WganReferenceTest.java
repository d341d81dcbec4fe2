package dev.aegan.models.wgan;

import ai.djl.ndarray.NDArray;
import dev.aegan.models.FamilyReferenceTest;
import dev.aegan.models.ReferenceComparison;
import java.util.List;

/**
 * The critic and generator losses of WGAN-GP and the gradients they send to both networks against
 * an independent PyTorch implementation ({@code libs/models/src/test/python/wgan_reference.py}, float64,
 * input gradient by torch.autograd.grad with create_graph) on the same weights and draws: 1x28x28,
 * 3x32x32 and 3x20x24 (canvas 24x24 cropped unevenly).
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5; gradients 3e-4
 * relative L2 per parameter tensor (see {@link ReferenceComparison}), as for lambda-IJAE; samples in
 * inference mode (batch norm on running statistics) absolute 1e-5. Measured worst errors are
 * printed after the run.
 */
class WganReferenceTest extends FamilyReferenceTest<WganModel> {

    WganReferenceTest() {
        super(new Fixture<>("WGAN-GP", "/fixtures/wgan-reference.json", 3, WganFamily.NAME,
                WganModel.class, "zGenerator"));
    }

    @Override
    protected void check(ReferenceComparison.Case<WganModel> testCase) {
        WganObjectives objectives = testCase.model().objectives();
        NDArray x = testCase.input("x");
        NDArray zCritic = testCase.input("zCritic");
        NDArray eps = testCase.input("eps");
        NDArray zGenerator = testCase.input("zGenerator");
        comparison.check(testCase, WganModel.CRITIC, List.of(WganModel.CRITIC),
                ps -> objectives.critic(ps, x, zCritic, eps));
        comparison.check(testCase, WganModel.GENERATOR, List.of(WganModel.GENERATOR),
                ps -> objectives.generator(ps, zGenerator));
    }
}
