package dev.aegan.evaluation.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.aegan.evaluation.features.TorchScriptExtractor.InputRange;
import dev.aegan.evaluation.images.Images;
import dev.aegan.models.nn.NoGrad;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A user-supplied LPIPS network (Zhang et al., CVPR 2018) saved with {@code torch.jit.save}, configured as
 * {@code aegan.metrics.lpips.*}: {@code forward(in0, in1)} takes two image batches, N x C x H x W, and
 * returns one distance per pair (N, or N x 1 x 1 x 1 as {@code lpips.LPIPS} does). Images in [-1, 1]
 * (reconstructions clipped to it first: a model's output may overshoot, the network was calibrated on
 * images) are brought to the network as for a TorchScript extractor ({@code TorchScriptInput}); LPIPS's
 * own networks take [-1, 1] (their default), 3 channels. Which backbone and calibration it carries
 * (AlexNet, VGG; "lin" weights) is the user's: name it when reporting values.
 */
public final class LpipsNetwork implements AutoCloseable {
    private static final String SETTING = "aegan.metrics.lpips";

    private final TorchScriptInput input;
    private final TorchScriptFile network;

    private LpipsNetwork(TorchScriptInput input, TorchScriptFile network) {
        this.input = input;
        this.network = network;
    }

    /** @throws IllegalArgumentException when the file is missing or is not TorchScript, or a setting is invalid */
    public static LpipsNetwork load(Path file, Optional<Integer> inputSize, Optional<Integer> inputChannels,
                                    String inputRange) {
        TorchScriptInput input = new TorchScriptInput("lpips", SETTING, inputSize, inputChannels,
                InputRange.parse(inputRange, SETTING));
        return new LpipsNetwork(input, TorchScriptFile.load(file, SETTING + ".path", "LPIPS network"));
    }

    /**
     * The distance of each pair {@code (first[i], second[i])}, {@code batchSize} pairs per network call.
     *
     * @throws IllegalArgumentException when the two sets differ in count or shape
     */
    public double[] distances(Images first, Images second, int batchSize) {
        if (first.count() != second.count() || !first.shape().equals(second.shape())) {
            throw new IllegalArgumentException("LPIPS compares pairs: " + first.count() + " images of " + first.shape()
                    + " against " + second.count() + " of " + second.shape());
        }
        double[] distances = new double[first.count()];
        for (int from = 0; from < first.count(); from += batchSize) {
            int n = Math.min(batchSize, first.count() - from);
            try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
                NDManager manager = network.manager();
                NDArray a = input.adapt(first.tensor(manager, from, n).clip(-1, 1));
                NDArray b = input.adapt(second.tensor(manager, from, n).clip(-1, 1));
                NDList output = network.module().forward(new ParameterStore(manager, false), new NDList(a, b), false);
                if (output.isEmpty() || output.get(0).size() != n) {
                    throw new IllegalStateException("the LPIPS network returned " + (output.isEmpty() ? "nothing"
                            : output.get(0).getShape()) + " for " + n + " pairs; it must return one distance per pair");
                }
                float[] batch = output.get(0).toFloatArray();
                for (int i = 0; i < n; i++) {
                    distances[from + i] = batch[i];
                }
            }
        }
        return distances;
    }

    @Override
    public void close() {
        network.close();
    }
}
