package dev.aegan.models;

import dev.aegan.models.api.GenerativeModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A family's comparison with its independent PyTorch reference (float64): every case of the fixture,
 * losses and metrics within relative 1e-5 and gradients within 3e-4 relative L2 per parameter tensor
 * ({@link ReferenceComparison}); the measured worst errors are printed after the run.
 *
 * @param <M> the family's model class
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FamilyReferenceTest<M extends GenerativeModel> {

    protected final ReferenceComparison comparison = new ReferenceComparison(1e-5, 3e-4);

    private final String title;
    private final String resource;
    private final int cases;
    private final String family;
    private final Class<M> modelType;

    /**
     * @param resource the fixture, e.g. {@code /fixtures/wae-reference.json}, with {@code cases} cases
     * @param family the family of every case, or null where each case names its own
     */
    protected FamilyReferenceTest(String title, String resource, int cases, String family, Class<M> modelType) {
        this.title = title;
        this.resource = resource;
        this.cases = cases;
        this.family = family;
        this.modelType = modelType;
    }

    @Test
    void lossesGradientsAndInferenceMatchTheIndependentReference() {
        if (family == null) {
            comparison.forEachCase(resource, cases, modelType, this::check);
        } else {
            comparison.forEachCase(resource, cases, family, modelType, this::check);
        }
    }

    @AfterAll
    void report() {
        comparison.report(title);
    }

    /** Compares one case: inference outputs first (before training-mode passes move batch-norm statistics). */
    protected abstract void check(ReferenceComparison.Case<M> testCase);
}
