package dev.aegan.evaluation.features;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.aegan.models.nn.NoGrad;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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

        static InputRange parse(String value, String name) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("aegan.metrics.torchscript.\"" + name + "\".input-range is '" + value
                        + "'; use minus-one-to-one or zero-to-one", e);
            }
        }
    }

    private final TorchScriptInput input;
    private final NDManager manager;
    private final PtSymbolBlock module;
    private final String fingerprint;
    private OptionalInt featureDimension = OptionalInt.empty();

    private TorchScriptExtractor(TorchScriptInput input, NDManager manager, PtSymbolBlock module, String fingerprint) {
        this.input = input;
        this.manager = manager;
        this.module = module;
        this.fingerprint = fingerprint;
    }

    /**
     * @throws IllegalArgumentException when the file is missing or is not TorchScript, or a setting is invalid
     */
    public static TorchScriptExtractor load(String name, Path file, Optional<Integer> inputSize,
                                            Optional<Integer> inputChannels, String inputRange) {
        TorchScriptInput input = new TorchScriptInput(name, inputSize, inputChannels, InputRange.parse(inputRange, name));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("aegan.metrics.torchscript.\"" + name + "\".path is " + file.toAbsolutePath()
                    + ", which is not a file; point it at a torch.jit.save'd network");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TorchScript extractor '" + name + "' from " + file, e);
        }
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            PtSymbolBlock module = JniUtils.loadModule((PtNDManager) manager, in, false, false);
            return new TorchScriptExtractor(input, manager, module, FeatureExtractor.fingerprintOf(bytes));
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException("TorchScript extractor '" + name + "' (" + file + ") does not load: "
                    + e.getMessage() + "; save it with torch.jit.save (torch.jit.script or torch.jit.trace)", e);
        }
    }

    @Override
    public BatchFeatures extract(NDArray images) {
        long n = images.getShape().get(0);
        try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
            NDList output = module.forward(new ParameterStore(manager, false), new NDList(input.adapt(images)), false);
            if (output.isEmpty()) {
                throw new IllegalStateException("TorchScript extractor '" + input.extractor() + "' returned nothing");
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
        return input.extractor();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
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
        module.close();
        manager.close();
    }
}
