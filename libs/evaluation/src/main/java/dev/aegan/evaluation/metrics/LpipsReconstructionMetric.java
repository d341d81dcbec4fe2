package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.features.LpipsNetwork;
import dev.aegan.evaluation.images.Images;

import java.util.List;

/**
 * LPIPS between held-out images and their reconstructions (lower is better), from the user's LPIPS
 * network ({@link LpipsNetwork}; the metric runs only when one is configured): the mean over pairs of
 * its distances, as the {@code lpips} package's {@code loss_fn(img0, img1).mean()}. Published with the
 * extractor {@value #EXTRACTOR}; unlike {@code perceptual_distance@x} it is calibrated (LPIPS's learned
 * channel weights), and comparable with published LPIPS only when the network is LPIPS's own.
 */
public final class LpipsReconstructionMetric extends PixelMetric {
    public static final String EXTRACTOR = "lpips";

    private final LpipsNetwork network;
    private final int batchSize;

    public LpipsReconstructionMetric(LpipsNetwork network, int batchSize) {
        super(Reference.RECONSTRUCTIONS, MetricNames.LPIPS_RECONSTRUCTION);
        this.network = network;
        this.batchSize = batchSize;
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        double[] distances = network.distances(Images.fromDataset(inputs.originals()), inputs.reconstructions(),
                batchSize);
        double sum = 0;
        for (double d : distances) {
            sum += d;
        }
        return List.of(new MetricValue(MetricNames.LPIPS_RECONSTRUCTION, sum / distances.length, EXTRACTOR,
                distances.length));
    }
}
