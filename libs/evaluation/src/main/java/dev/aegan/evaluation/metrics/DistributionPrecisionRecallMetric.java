package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.DistributionPrecisionRecall;

import java.util.List;

/**
 * Precision and recall for distributions (Sajjadi et al. 2018) of the samples against the held-out
 * images, as F_8 ({@code prd_f8}, recall-weighted) and F_1/8 ({@code prd_f1_8}, precision-weighted);
 * not the k-NN {@code precision}/{@code recall} of {@link PrecisionRecallMetric}.
 */
public final class DistributionPrecisionRecallMetric extends FeatureMetric {

    public DistributionPrecisionRecallMetric() {
        super(Reference.HELD_OUT, MetricNames.PRD_F8, MetricNames.PRD_F1_8);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        DistributionPrecisionRecall.Result prd = DistributionPrecisionRecall.compute(inputs.samples().features(),
                inputs.heldOut().features(), SEED);
        return List.of(value(inputs, MetricNames.PRD_F8, prd.f8(), prd.samplesPerSet()),
                value(inputs, MetricNames.PRD_F1_8, prd.f1over8(), prd.samplesPerSet()));
    }
}
