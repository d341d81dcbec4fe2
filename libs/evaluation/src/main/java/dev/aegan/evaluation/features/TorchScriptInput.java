package dev.aegan.evaluation.features;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import dev.aegan.evaluation.features.TorchScriptExtractor.InputRange;
import dev.aegan.models.nn.Scalars;

import java.util.Optional;

/**
 * What a user's TorchScript network takes, and how images in [-1, 1] are brought to it: mapped to
 * {@code range}, grayscale repeated to {@code channels}, resized bilinearly to {@code size} (each
 * step only when set).
 *
 * @param network its name in messages
 * @param setting its configuration prefix, e.g. {@code aegan.metrics.torchscript."inception"}
 */
record TorchScriptInput(String network, String setting, Optional<Integer> size, Optional<Integer> channels,
                        InputRange range) {

    TorchScriptInput {
        if (size.isPresent() && size.get() <= 0 || channels.isPresent() && channels.get() <= 0) {
            throw new IllegalArgumentException(setting + ": input-size and input-channels must be positive, got "
                    + size + " and " + channels);
        }
    }

    NDArray adapt(NDArray images) {
        NDArray x = range == InputRange.ZERO_TO_ONE ? Scalars.div(Scalars.add(images, 1f), 2f) : images;
        long imageChannels = x.getShape().get(1);
        if (channels.isPresent() && channels.get() != imageChannels) {
            if (imageChannels != 1) {
                throw new IllegalArgumentException("TorchScript network '" + network + "' takes " + channels.get()
                        + " channels; images of " + imageChannels + " channels can only be adapted from 1 (grayscale)");
            }
            x = x.repeat(1, channels.get());
        }
        if (size.isPresent()) {
            int side = size.get();
            x = NDImageUtils.resize(x.transpose(0, 2, 3, 1), side, side, Image.Interpolation.BILINEAR)
                    .transpose(0, 3, 1, 2);
        }
        return x;
    }
}
