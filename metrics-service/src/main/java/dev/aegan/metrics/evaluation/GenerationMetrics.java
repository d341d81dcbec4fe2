package dev.aegan.metrics.evaluation;

import dev.aegan.evaluation.DensityCoverage;
import dev.aegan.evaluation.FeatureStatistics;
import dev.aegan.evaluation.InceptionScore;
import dev.aegan.evaluation.KernelInceptionDistance;
import dev.aegan.evaluation.ManifoldEstimate;
import dev.aegan.evaluation.PrecisionRecall;
import dev.aegan.evaluation.ScoreWithSpread;
import dev.aegan.evaluation.StructuralSimilarity;
import dev.aegan.metrics.domain.Images;

import java.util.ArrayList;
import java.util.List;

import static dev.aegan.metrics.evaluation.MetricNames.of;

/**
 * The generation-metrics stage: a generated set against the held-out reference, in one
 * extractor's space (FID, KID, Inception-style score, precision/recall, density/coverage), and its
 * MS-SSIM diversity in pixel space. The computations are the evaluation library's; each class there
 * names the reference implementation it follows.
 */
public final class GenerationMetrics {
    /** torch-fidelity's default seed for KID subsets, IS splits and, here, MS-SSIM pairs. */
    public static final long SEED = 2020;

    private final int kidSubsets;
    private final int kidSubsetSize;
    private final int diversityPairs;

    public GenerationMetrics(int kidSubsets, int kidSubsetSize, int diversityPairs) {
        this.kidSubsets = kidSubsets;
        this.kidSubsetSize = kidSubsetSize;
        this.diversityPairs = diversityPairs;
    }

    /**
     * FID, KID (mean, std over subsets), IS (mean, std over 10 shuffled splits; only when the
     * extractor gives class probabilities), precision/recall (k = 3), density/coverage (k = 5).
     */
    public List<MetricValue> inFeatureSpace(String extractor, HeldOutReference reference, Features generated) {
        int n = generated.features().rows();
        List<MetricValue> values = new ArrayList<>();
        double fid = reference.frechet().to(FeatureStatistics.of(generated.features()));
        values.add(new MetricValue(of(MetricNames.FID, extractor), fid, extractor, n));
        ScoreWithSpread kid = KernelInceptionDistance.compute(reference.features(), generated.features(), kidSubsets,
                kidSubsetSize, SEED);
        long kidCount = Math.min(kidSubsetSize, Math.min(n, reference.size()));
        values.add(new MetricValue(of(MetricNames.KID_MEAN, extractor), kid.mean(), extractor, kidCount));
        values.add(new MetricValue(of(MetricNames.KID_STD, extractor), kid.std(), extractor, kidCount));
        if (generated.probabilities() != null) {
            ScoreWithSpread is = InceptionScore.compute(generated.probabilities(), InceptionScore.DEFAULT_SPLITS, SEED);
            values.add(new MetricValue(of(MetricNames.INCEPTION_SCORE_MEAN, extractor), is.mean(), extractor, n));
            values.add(new MetricValue(of(MetricNames.INCEPTION_SCORE_STD, extractor), is.std(), extractor, n));
        }
        ManifoldEstimate generatedManifold = ManifoldEstimate.of(generated.features());
        PrecisionRecall.Result pr = PrecisionRecall.compute(reference.manifold(), generatedManifold);
        values.add(new MetricValue(of(MetricNames.PRECISION, extractor), pr.precision(), extractor, n));
        values.add(new MetricValue(of(MetricNames.RECALL, extractor), pr.recall(), extractor, n));
        DensityCoverage.Result dc = DensityCoverage.compute(reference.manifold(), generated.features());
        values.add(new MetricValue(of(MetricNames.DENSITY, extractor), dc.density(), extractor, n));
        values.add(new MetricValue(of(MetricNames.COVERAGE, extractor), dc.coverage(), extractor, n));
        return values;
    }

    /** Mean MS-SSIM over random pairs of distinct samples (lower is more diverse); needs 2 samples or more. */
    public MetricValue diversity(Images generated) {
        ScoreWithSpread score = StructuralSimilarity.sampleDiversity(generated.toUnitBatch(), diversityPairs, SEED);
        return new MetricValue(MetricNames.MS_SSIM_DIVERSITY, score.mean(), MetricNames.PIXELS, generated.count());
    }
}
