package dev.aegan.metrics.evaluation;

import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.StructuralSimilarity;
import dev.aegan.metrics.domain.Images;
import dev.aegan.metrics.domain.ReconstructionMetrics;

import java.util.List;

import static dev.aegan.metrics.evaluation.MetricNames.of;

/**
 * The reconstruction-metrics stage: held-out images against the model's reconstructions of them,
 * in pixel space (MSE, PSNR: {@link ReconstructionMetrics}; SSIM: the evaluation library's
 * pytorch-msssim port) and in an extractor's space (the perceptual distance).
 */
public final class ReconstructionStage {

    public List<MetricValue> inPixelSpace(DatasetImages originals, Images reconstructions) {
        ReconstructionMetrics errors = new ReconstructionMetrics.Accumulator(originals.imageSize())
                .add(originals.pixels(), reconstructions.values()).result();
        double ssim = StructuralSimilarity.meanSsim(Images.fromDataset(originals).toUnitBatch(),
                reconstructions.toUnitBatch()).mean();
        int n = errors.imageCount();
        return List.of(new MetricValue(MetricNames.RECONSTRUCTION_MSE, errors.mse(), MetricNames.PIXELS, n),
                new MetricValue(MetricNames.RECONSTRUCTION_PSNR, errors.psnrDb(), MetricNames.PIXELS, n),
                new MetricValue(MetricNames.RECONSTRUCTION_SSIM, ssim, MetricNames.PIXELS, n));
    }

    /**
     * Mean Euclidean distance between the features of each original and of its reconstruction
     * (lower is better): a perceptual distance in the spirit of LPIPS (Zhang et al. 2018) and of
     * the feature-matching losses of Dosovitskiy and Brox (2016), with the extractor's penultimate
     * features instead of LPIPS's calibrated, channel-normalised VGG layers.
     */
    public MetricValue perceptual(String extractor, FeatureMatrix originals, FeatureMatrix reconstructions) {
        int n = originals.rows();
        int d = originals.columns();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double squared = 0;
            for (int p = 0; p < d; p++) {
                double difference = originals.get(i, p) - reconstructions.get(i, p);
                squared += difference * difference;
            }
            sum += Math.sqrt(squared);
        }
        return new MetricValue(of(MetricNames.PERCEPTUAL_DISTANCE, extractor), sum / n, extractor, n);
    }
}
