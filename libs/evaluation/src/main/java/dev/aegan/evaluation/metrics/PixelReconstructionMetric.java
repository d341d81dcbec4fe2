package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.StructuralSimilarity;
import dev.aegan.evaluation.images.Images;

import java.util.List;

/**
 * Held-out images against the model's reconstructions of them in pixel space: MSE and PSNR
 * ({@link ReconstructionMetrics}) and SSIM (the evaluation library's pytorch-msssim port).
 */
public final class PixelReconstructionMetric extends PixelMetric {

    public PixelReconstructionMetric() {
        super(Reference.RECONSTRUCTIONS, MetricNames.RECONSTRUCTION_MSE, MetricNames.RECONSTRUCTION_PSNR,
                MetricNames.RECONSTRUCTION_SSIM);
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        ReconstructionMetrics errors = new ReconstructionMetrics.Accumulator(inputs.originals().imageSize())
                .add(inputs.originals().pixels(), inputs.reconstructions().values()).result();
        double ssim = StructuralSimilarity.meanSsim(Images.fromDataset(inputs.originals()).toUnitInterval(),
                inputs.reconstructions().toUnitInterval()).mean();
        int n = errors.imageCount();
        return List.of(value(MetricNames.RECONSTRUCTION_MSE, errors.mse(), n),
                value(MetricNames.RECONSTRUCTION_PSNR, errors.psnrDb(), n),
                value(MetricNames.RECONSTRUCTION_SSIM, ssim, n));
    }
}
