package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.StructuralSimilarity;
import dev.aegan.evaluation.images.Images;

import java.util.List;

/**
 * Held-out images against the model's reconstructions of them in pixel space: MSE and PSNR
 * ({@link ReconstructionMetrics}) and SSIM (the evaluation library's pytorch-msssim port).
 */
public final class PixelReconstructionMetric implements PixelMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.RECONSTRUCTION_MSE, MetricNames.RECONSTRUCTION_PSNR, MetricNames.RECONSTRUCTION_SSIM);
    }

    @Override
    public Reference reference() {
        return Reference.RECONSTRUCTIONS;
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        ReconstructionMetrics errors = new ReconstructionMetrics.Accumulator(inputs.originals().imageSize())
                .add(inputs.originals().pixels(), inputs.reconstructions().values()).result();
        double ssim = StructuralSimilarity.meanSsim(Images.fromDataset(inputs.originals()).toUnitInterval(),
                inputs.reconstructions().toUnitInterval()).mean();
        int n = errors.imageCount();
        return List.of(new MetricValue(MetricNames.RECONSTRUCTION_MSE, errors.mse(), MetricNames.PIXELS, n),
                new MetricValue(MetricNames.RECONSTRUCTION_PSNR, errors.psnrDb(), MetricNames.PIXELS, n),
                new MetricValue(MetricNames.RECONSTRUCTION_SSIM, ssim, MetricNames.PIXELS, n));
    }
}
