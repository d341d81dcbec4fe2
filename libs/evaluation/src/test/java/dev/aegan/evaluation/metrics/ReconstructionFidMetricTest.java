package dev.aegan.evaluation.metrics;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static dev.aegan.evaluation.ReferenceFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aegan.evaluation.FeatureMatrix;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reconstruction FID against pytorch-fid's {@code calculate_frechet_distance} on the fixture's features
 * (the "real" set standing for the reconstructed originals, the "generated" set for their
 * reconstructions); 1e-6 relative, FID's tolerance. The originals are the held-out reference's first
 * rows, its own Fréchet reference when they are all of it.
 */
class ReconstructionFidMetricTest {

    @Test
    void isPytorchFidBetweenOriginalsAndReconstructions() {
        FeatureMatrix real = matrix(get("features", "real"));
        HeldOutReference heldOut = HeldOutReference.of(real);
        FeatureInputs inputs = new FeatureInputs("x", heldOut, null,
                ReconstructedOriginals.firstOf(heldOut, real.rows()), matrix(get("features", "generated")), null, null, null);

        List<MetricValue> values = new ReconstructionFidMetric().compute(inputs);

        assertEquals(List.of("rec_fid@x"), values.stream().map(MetricValue::metric).toList());
        double expected = get("fid", "pytorch_fid").asDouble();
        assertTrue(relativeError(values.get(0).value(), expected) <= 1e-6, values.get(0) + " vs pytorch-fid " + expected);
        assertEquals(500, values.get(0).sampleCount());
    }

    @Test
    void theOriginalsAreTheHeldOutReferencesFirstRows() {
        FeatureMatrix real = matrix(get("features", "real"));
        HeldOutReference heldOut = HeldOutReference.of(real);

        assertSame(heldOut.frechet(), ReconstructedOriginals.firstOf(heldOut, real.rows()).frechet());
        ReconstructedOriginals first = ReconstructedOriginals.firstOf(heldOut, 100);
        assertArrayEquals(Arrays.copyOf(real.values(), 100 * real.columns()), first.features().values());
        assertThrows(IllegalArgumentException.class, () -> ReconstructedOriginals.firstOf(heldOut, real.rows() + 1));
    }
}
