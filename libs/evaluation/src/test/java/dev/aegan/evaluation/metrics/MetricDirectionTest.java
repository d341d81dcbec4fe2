package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.frontier.Direction;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricDirectionTest {

    @Test
    void aFeatureMetricImprovesTheWayItsNameDoesWhateverTheExtractor() {
        assertEquals(Optional.of(Direction.LOWER_IS_BETTER), MetricNames.direction("fid@fashion-mnist-classifier"));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), MetricNames.direction("precision@inception"));
        assertEquals(Optional.of(Direction.LOWER_IS_BETTER), MetricNames.direction(MetricNames.RECONSTRUCTION_MSE));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), MetricNames.direction(MetricNames.RECONSTRUCTION_SSIM));
        assertEquals(Optional.of(Direction.LOWER_IS_BETTER), MetricNames.direction("rec_fid@x"));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), MetricNames.direction("prd_f8@x"));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), MetricNames.direction("prd_f1_8@x"));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), MetricNames.direction("class_coverage@x"));
        assertEquals(Optional.of(Direction.HIGHER_IS_BETTER), MetricNames.direction("classifier_confidence@x"));
    }

    @Test
    void metricsReadAgainstAReferenceValueHaveNoDirection() {
        assertEquals(Optional.empty(), MetricNames.direction(MetricNames.MS_SSIM_DIVERSITY));
        assertEquals(Optional.empty(), MetricNames.direction(MetricNames.of(MetricNames.FEATURE_MEMORISATION, "x")));
        assertEquals(Optional.empty(), MetricNames.direction("not_a_metric"));
        assertEquals(Optional.empty(), MetricNames.direction(MetricNames.of(MetricNames.KID_STD, "x")));
        assertEquals(Optional.empty(), MetricNames.direction(MetricNames.of(MetricNames.INCEPTION_SCORE_STD, "x")));
    }
}
