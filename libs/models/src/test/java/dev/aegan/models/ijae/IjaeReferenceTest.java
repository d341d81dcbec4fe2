package dev.aegan.models.ijae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.models.FamilyReferenceTest;
import dev.aegan.models.ReferenceComparison;
import dev.aegan.models.ReferenceFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every loss of lambda-IJAE and its ablations, and the gradient it sends to every network, against
 * an independent PyTorch implementation ({@code libs/models/src/test/python/ijae_reference.py}, float64)
 * on the same weights, inputs and random draws: five cases covering 3x32x32, 1x28x28 (padded to 32),
 * 3x20x24 (padded unevenly to 32x32) and 1x20x40 (a 32x48 canvas), the implicit model (once with
 * per-position encoder noise) and both ablations.
 *
 * <p>Tolerances (Java computes in float32, the reference is exact to float32's needs):
 * <ul>
 *   <li>losses and reported logits: relative error 1e-5 (of max(|ref|, 1); measured worst 7e-8);</li>
 *   <li>the gradient of each phase's loss with respect to the network that phase updates, compared
 *       element by element: L2 error 3e-4 per parameter tensor, relative to the tensor's gradient
 *       norm or, for a tensor whose gradient is tiny, to 1% of the network's. Measured worst: 4.9e-5,
 *       on the bias of a discriminator's first conv2, whose gradient sums real and fake terms of
 *       opposite sign over every position; PyTorch's own float32 differs from float64 there by
 *       5.0e-5. A wrong term or a wrong sign gives errors of order 1;</li>
 *   <li>the norm of the gradient each loss sends to every other network (what the training loop
 *       freezes): the same 3e-4 per parameter tensor (measured worst 3.2e-6);</li>
 *   <li>samples and reconstructions G(E(x, xi)) in inference mode (batch norm on the running statistics):
 *       absolute 1e-5 (measured worst 1.8e-7).</li>
 * </ul>
 * The worst errors are printed after the run.
 */
class IjaeReferenceTest extends FamilyReferenceTest<IjaeModel> {

    IjaeReferenceTest() {
        super(new Fixture<>("lambda-IJAE", "/fixtures/ijae-reference.json", 5, null, IjaeModel.class, "zPrior"));
    }

    /** G(E(x, xi)) with the case's xi ({@link IjaeModel#reconstruct} draws its own). */
    @Override
    protected NDArray reconstructions(ReferenceComparison.Case<IjaeModel> testCase) {
        IjaeModel model = testCase.model();
        return model.sample(model.encode(testCase.input("x"), testCase.input("xi")));
    }

    @Override
    protected void check(ReferenceComparison.Case<IjaeModel> testCase) {
        IjaeModel model = testCase.model();
        IjaeObjectives objectives = model.objectives();
        NDArray x = testCase.input("x");
        NDArray zPrior = testCase.input("zPrior");
        NDArray xi = testCase.input("xi");
        NDArray rPrimeNoise = testCase.input("rPrimeNoise");
        List<CyclicShift.Shift> shifts = new ArrayList<>();
        for (JsonNode s : testCase.fixture().get("shifts")) {
            shifts.add(new CyclicShift.Shift(CyclicShift.Direction.valueOf(s.get("direction").asText()),
                    s.get("size").asInt()));
        }
        boolean implicit = model.networks().containsKey(IjaeModel.D_TAU);
        Set<String> phases = new TreeSet<>(List.of(IjaeModel.D_PSI, IjaeModel.D_ZETA, IjaeModel.GENERATOR,
                IjaeModel.ENCODER));
        if (implicit) {
            phases.add(IjaeModel.D_TAU);
        }
        assertEquals(phases, ReferenceFixtures.fieldNames(testCase.fixture().get("losses")), testCase.name() + " phases");

        comparison.check(testCase, IjaeModel.D_PSI, List.of(IjaeModel.D_PSI),
                ps -> objectives.imageDiscriminator(ps, x, zPrior));
        if (implicit) {
            comparison.check(testCase, IjaeModel.D_TAU, List.of(IjaeModel.D_TAU),
                    ps -> objectives.pairDiscriminator(ps, x, xi, shifts, rPrimeNoise));
        }
        comparison.check(testCase, IjaeModel.D_ZETA, List.of(IjaeModel.D_ZETA),
                ps -> objectives.codeDiscriminator(ps, x, xi, zPrior));
        comparison.check(testCase, IjaeModel.GENERATOR, List.of(IjaeModel.GENERATOR),
                ps -> objectives.generator(ps, x, xi, zPrior));
        comparison.check(testCase, IjaeModel.ENCODER, List.of(IjaeModel.ENCODER), ps -> objectives.encoder(ps, x, xi));
    }
}
