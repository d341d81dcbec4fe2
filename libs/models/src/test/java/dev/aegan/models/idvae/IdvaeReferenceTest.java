package dev.aegan.models.idvae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import dev.aegan.models.FamilyReferenceTest;
import dev.aegan.models.ReferenceComparison;
import dev.aegan.models.nn.OneHot;
import java.util.List;

/**
 * The three losses of IDVAE and IDVAE(R) and the gradients each sends to every network (shared trunk,
 * both heads, decoder) against an independent PyTorch implementation
 * ({@code libs/models/src/test/python/idvae_reference.py}, float64) on the same weights and draws: idvae
 * 1x28x28, idvae-r 3x32x32, idvae 3x18x22 (a 24x24 canvas cropped unevenly) and c-idvae 1x28x28 on
 * three classes (labels into the trunk after its first convolution and into the decoder; samples
 * cycle the classes, reconstructions take the images' labels), with loss weights away from 1 so that a
 * swapped weight shows.
 *
 * <p>Tolerances (Java computes in float32): losses and metrics relative 1e-5 (of max(|ref|, 1));
 * gradients 3e-4 relative L2 per parameter tensor (see {@link ReferenceComparison}); samples and
 * reconstructions in inference mode absolute 1e-5. Measured worst errors are printed after the run.
 */
class IdvaeReferenceTest extends FamilyReferenceTest<IdvaeModel> {

    IdvaeReferenceTest() {
        super(new Fixture<>("IDVAE", "/fixtures/idvae-reference.json", 4, null, IdvaeModel.class, "priorDecoder"));
    }

    @Override
    protected void check(ReferenceComparison.Case<IdvaeModel> testCase) {
        IdvaeModel model = testCase.model();
        int[] labels = testCase.labels();
        assertEquals(labels == null ? 0 : testCase.hyperparameters().get("classes"), model.classes());
        NDArray condition = labels == null ? null : OneHot.encode(testCase.manager(), labels, model.classes());
        IdvaeObjectives objectives = model.objectives();
        NDArray x = testCase.input("x");
        NDArray epsDiscriminator = testCase.input("epsDiscriminator");
        NDArray priorDiscriminator = testCase.input("priorDiscriminator");
        NDArray epsEncoder = testCase.input("epsEncoder");
        NDArray epsDecoder = testCase.input("epsDecoder");
        NDArray priorDecoder = testCase.input("priorDecoder");
        comparison.check(testCase, "discriminator", List.of(IdvaeModel.SHARED, IdvaeModel.DISCRIMINATOR_HEAD),
                ps -> objectives.discriminator(ps, x, condition, epsDiscriminator, priorDiscriminator));
        comparison.check(testCase, "encoder", List.of(IdvaeModel.SHARED, IdvaeModel.ENCODER_HEAD),
                ps -> objectives.encoder(ps, x, condition, epsEncoder));
        comparison.check(testCase, "decoder", List.of(IdvaeModel.DECODER),
                ps -> objectives.decoder(ps, x, condition, epsDecoder, priorDecoder));
    }
}
