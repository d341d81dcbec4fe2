package dev.aegan.evaluation.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.training.ParameterStore;
import dev.aegan.models.nn.NoGrad;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A user-supplied feature network saved with {@code torch.jit.save} (e.g. pytorch-fid's
 * Inception-v3, for paper-comparable FID), named in configuration
 * ({@code aegan.metrics.torchscript."<name>".*}). Its input: the images mapped to
 * {@link InputRange}, grayscale repeated to {@code inputChannels}, resized bilinearly (torch's
 * {@code interpolate}, {@code align_corners=False}, as pytorch-fid resizes to 299) to
 * {@code inputSize}. Its output: one tensor of features (N x d, or N x d x 1 x 1 as Inception's
 * pool3, flattened), or a tuple whose first element is the features and second the class logits,
 * from which the Inception-style score is computed.
 */
public final class TorchScriptExtractor implements FeatureExtractor {

    /** The pixel range the network was trained on. */
    public enum InputRange {
        MINUS_ONE_TO_ONE, ZERO_TO_ONE;

        /** @param setting the configuration prefix of the network, for the error message */
        static InputRange parse(String value, String setting) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + ".input-range is '" + value
                        + "'; use minus-one-to-one or zero-to-one", e);
            }
        }
    }

    private final TorchScriptInput input;
    private final TorchScriptFile network;
    private OptionalInt featureDimension = OptionalInt.empty();

    private TorchScriptExtractor(TorchScriptInput input, TorchScriptFile network) {
        this.input = input;
        this.network = network;
    }

    /**
     * @throws IllegalArgumentException when the file is missing or is not TorchScript, or a setting is invalid
     */
    public static TorchScriptExtractor load(String name, Path file, Optional<Integer> inputSize,
                                            Optional<Integer> inputChannels, String inputRange) {
        String setting = "aegan.metrics.torchscript.\"" + name + "\"";
        TorchScriptInput input = new TorchScriptInput(name, setting, inputSize, inputChannels,
                InputRange.parse(inputRange, setting));
        return new TorchScriptExtractor(input, TorchScriptFile.load(file, setting + ".path",
                "TorchScript extractor '" + name + "'"));
    }

    @Override
    public BatchFeatures extract(NDArray images) {
        long n = images.getShape().get(0);
        try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
            NDList output = network.module().forward(new ParameterStore(network.manager(), false),
                    new NDList(input.adapt(images)), false);
            if (output.isEmpty()) {
                throw new IllegalStateException("TorchScript extractor '" + input.network() + "' returned nothing");
            }
            NDArray features = output.get(0).reshape(n, -1);
            int d = Math.toIntExact(features.getShape().get(1));
            featureDimension = OptionalInt.of(d);
            float[] probabilities = output.size() > 1 ? output.get(1).reshape(n, -1).softmax(1).toFloatArray() : null;
            return new BatchFeatures(features.toFloatArray(), probabilities);
        }
    }

    @Override
    public String name() {
        return input.network();
    }

    @Override
    public String fingerprint() {
        return network.fingerprint();
    }

    @Override
    public ExtractorKind kind() {
        return ExtractorKind.TORCHSCRIPT;
    }

    @Override
    public OptionalInt featureDimension() {
        return featureDimension;
    }

    @Override
    public void close() {
        network.close();
    }
}
