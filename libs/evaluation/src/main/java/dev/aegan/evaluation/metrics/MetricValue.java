package dev.aegan.evaluation.metrics;

/**
 * One number of an evaluation: {@code metric} is the published name ({@code fid@<extractor>} for a
 * feature metric, the bare name for a pixel metric), {@code extractor} the extractor's name
 * ({@value MetricNames#PIXELS} for pixel metrics), {@code sampleCount} the images it was computed on.
 */
public record MetricValue(String metric, double value, String extractor, long sampleCount) {

    public MetricValue {
        if (!Double.isFinite(value)) {
            throw new IllegalStateException(metric + " came out " + value + " on " + sampleCount
                    + " images; a published metric must be finite");
        }
    }
}
