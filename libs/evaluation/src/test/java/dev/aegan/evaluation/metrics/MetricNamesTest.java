package dev.aegan.evaluation.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricNamesTest {

    @Test
    void aMetricIsQualifiedByItsExtractorOnceAndNeverInPixelSpace() {
        assertEquals("fid@inception", MetricNames.qualified("fid@inception", "inception"));
        assertEquals("lpips_reconstruction@alexnet", MetricNames.qualified("lpips_reconstruction", "alexnet"));
        assertEquals("reconstruction_mse", MetricNames.qualified("reconstruction_mse", MetricNames.PIXELS));
        assertEquals("reconstruction_mse", MetricNames.qualified("reconstruction_mse", null));
    }
}
