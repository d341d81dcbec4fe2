package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureStatistics;

import java.util.List;

/**
 * Reconstruction FID (FlexAE, Mondal et al. UAI 2021, Table 1 "Rec"): the Fréchet distance between the
 * features of the held-out images a checkpoint reconstructs and of its reconstructions of them (lower
 * is better), computed as {@link FidMetric} (pytorch-fid's formula). Pitfall: with fewer reconstructed
 * images than feature dimensions the covariances are rank-deficient; {@code FrechetDistance} handles
 * that case, but the value is then biased upwards like any small-sample FID, so compare it only between
 * evaluations of the same {@code reconstruction-images}.
 */
public final class ReconstructionFidMetric extends FeatureMetric {

    public ReconstructionFidMetric() {
        super(Reference.RECONSTRUCTIONS, MetricNames.RECONSTRUCTION_FID);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        double fid = inputs.originals().frechet().to(FeatureStatistics.of(inputs.reconstructions()));
        return List.of(value(inputs, MetricNames.RECONSTRUCTION_FID, fid, inputs.reconstructions().rows()));
    }
}
