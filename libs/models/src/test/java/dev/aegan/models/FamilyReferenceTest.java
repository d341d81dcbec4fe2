package dev.aegan.models;

import ai.djl.ndarray.NDArray;
import dev.aegan.models.api.GenerativeModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A family's comparison with its independent PyTorch reference (float64): every case of the fixture,
 * inference first (samples and, where the family reconstructs, reconstructions, absolute 1e-5), then
 * losses and metrics within relative 1e-5 and gradients within 3e-4 relative L2 per parameter tensor
 * ({@link ReferenceComparison}); the measured worst errors are printed after the run.
 *
 * @param <M> the family's model class
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FamilyReferenceTest<M extends GenerativeModel> {

    protected final ReferenceComparison comparison = new ReferenceComparison(1e-5, 3e-4);

    private final Fixture<M> fixture;

    /**
     * A family's reference fixture.
     *
     * @param resource the fixture, e.g. {@code /fixtures/wae-reference.json}, with {@code cases} cases
     * @param family the family of every case, or null where each case names its own
     * @param sampleInput the case's input that the reference decoded into its {@code samples}
     */
    public record Fixture<M extends GenerativeModel>(String title, String resource, int cases, String family,
            Class<M> modelType, String sampleInput) {
    }

    protected FamilyReferenceTest(Fixture<M> fixture) {
        this.fixture = fixture;
    }

    @Test
    void lossesGradientsAndInferenceMatchTheIndependentReference() {
        if (fixture.family() == null) {
            comparison.forEachCase(fixture.resource(), fixture.cases(), fixture.modelType(), this::inferenceThenCheck);
        } else {
            comparison.forEachCase(fixture.resource(), fixture.cases(), fixture.family(), fixture.modelType(),
                    this::inferenceThenCheck);
        }
    }

    /** Inference before any training-mode pass of {@link #check} updates the batch-norm running statistics. */
    private void inferenceThenCheck(ReferenceComparison.Case<M> testCase) {
        M model = testCase.model();
        comparison.assertOutput(testCase, "samples", model.sample(testCase.input(fixture.sampleInput())), 1e-5);
        if (model.canReconstruct()) {
            comparison.assertOutput(testCase, "reconstructions", reconstructions(testCase), 1e-5);
        }
        check(testCase);
    }

    /** What the reference's {@code reconstructions} are: by default the model's of {@code x} (with the case's labels). */
    protected NDArray reconstructions(ReferenceComparison.Case<M> testCase) {
        return testCase.model().reconstruct(testCase.input("x"), testCase.labels());
    }

    @AfterAll
    void report() {
        comparison.report(fixture.title());
    }

    /** Compares one case's losses and gradients, after its inference outputs. */
    protected abstract void check(ReferenceComparison.Case<M> testCase);
}
