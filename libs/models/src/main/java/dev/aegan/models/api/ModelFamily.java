package dev.aegan.models.api;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.UnsupportedImageShapeException;
import java.util.Map;

/** A kind of model (VAE, lambda-IJAE, ...) that can build instances for a given image shape. */
public interface ModelFamily {

    /** The hyperparameter of a {@link #conditional()} family that says how many classes it is conditioned on. */
    String CLASSES = "classes";

    /** The name runs and checkpoints refer to, e.g. {@code vae}. */
    String name();

    /**
     * Whether the family's models are conditioned on class labels (hyperparameter {@value #CLASSES}):
     * they train only on labelled images and reconstruct only given labels.
     */
    default boolean conditional() {
        return false;
    }

    /** Every hyperparameter the family accepts, with its default. */
    Map<String, Object> defaultHyperparameters();

    /**
     * Validates without allocating anything: the shape must suit the networks and every
     * hyperparameter must be known and in range.
     *
     * @return the effective hyperparameters (defaults merged)
     * @throws InvalidHyperparameterException for an unknown key or a bad value
     * @throws UnsupportedImageShapeException for a shape the networks cannot take
     */
    Map<String, Object> resolve(ImageShape shape, Map<String, ?> hyperparameters);

    /** Builds a model on the PyTorch engine's default device (CUDA when present). */
    default GenerativeModel create(ImageShape shape, Map<String, ?> hyperparameters) {
        return create(shape, hyperparameters, Engine.getEngine("PyTorch").defaultDevice());
    }

    /**
     * Builds a model whose parameters live on {@code device}; see {@link #resolve} for what is
     * validated and thrown.
     */
    GenerativeModel create(ImageShape shape, Map<String, ?> hyperparameters, Device device);
}
