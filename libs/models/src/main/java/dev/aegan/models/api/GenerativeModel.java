package dev.aegan.models.api;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.phase.TrainingPhase;
import java.util.List;
import java.util.Map;

/**
 * One model instance: its networks, the NDManager that owns their parameters, and the training
 * phases that update them.
 *
 * <p>Images are float32 N x C x H x W in [-1, 1] (see {@link Pixels}); latent codes are float32
 * N x {@link #latentDim()}. Inference methods run with autograd off, on any thread, and close every
 * intermediate tensor; their result is attached to the input's NDManager, so the caller closes it.
 * An instance is not thread-safe: use it from one thread at a time.
 */
public interface GenerativeModel extends AutoCloseable {

    String familyName();

    ImageShape shape();

    int latentDim();

    /** The effective hyperparameters: the family's defaults merged with what was given. */
    Map<String, Object> hyperparameters();

    /**
     * The networks by name, in a fixed order. Phases name the networks they update; checkpoints
     * store one object per network ({@code networks/<name>.params}).
     */
    Map<String, Block> networks();

    /** The phases one training step runs, in order. */
    List<TrainingPhase> phases();

    /**
     * Decodes latent codes {@code z} (N x latentDim) into images N x C x H x W in [-1, 1]. A
     * conditional model conditions row r on class {@code r mod classes()} ({@link ClassCycle#rows}).
     */
    NDArray sample(NDArray z);

    /**
     * Encodes {@code x} (N x C x H x W in [-1, 1]) deterministically (posterior mean) and decodes it.
     *
     * @throws UnsupportedOperationException if {@link #canReconstruct()} is false
     * @throws IllegalArgumentException for a conditional model, which needs the images' labels
     */
    NDArray reconstruct(NDArray x);

    /**
     * How many classes a conditional model is conditioned on (labels 0 .. classes - 1, e.g. C-IDVAE's
     * one-hot class codes); 0 for an unconditional model. Training a conditional model needs every
     * batch's labels ({@code PhaseLoop.step(batch, labels)}).
     */
    default int classes() {
        return 0;
    }

    /**
     * {@link #sample(NDArray)} with row r conditioned on class {@code labels[r]}; an unconditional
     * model ignores the labels (they may be null).
     *
     * @throws IllegalArgumentException for a conditional model given no label, or one out of range, per row
     */
    default NDArray sample(NDArray z, int[] labels) {
        return sample(z);
    }

    /**
     * {@link #reconstruct(NDArray)} of images whose classes are {@code labels}; an unconditional model
     * ignores them (they may be null).
     *
     * @throws IllegalArgumentException for a conditional model given no label, or one out of range, per image
     */
    default NDArray reconstruct(NDArray x, int[] labels) {
        return reconstruct(x);
    }

    /**
     * The deterministic codes {@link #reconstruct(NDArray, int[])} decodes (N x the decoder's code size, which
     * differs from {@link #latentDim()} when sampling maps noise to codes, see {@link #priorCodes}):
     * {@code decode(encode(x, labels), labels)} is {@code reconstruct(x, labels)}.
     *
     * @throws UnsupportedOperationException if {@link #canReconstruct()} is false
     */
    default NDArray encode(NDArray x, int[] labels) {
        throw new UnsupportedOperationException("model " + familyName() + " has no encoder");
    }

    /**
     * Decodes codes of the space {@link #encode} and {@link #priorCodes} return, row r conditioned on
     * class {@code labels[r]} for a conditional model. Where the codes are the sampling noise itself
     * (every family whose prior is N(0, I)) this is {@link #sample(NDArray, int[])}.
     */
    default NDArray decode(NDArray codes, int[] labels) {
        return sample(codes, labels);
    }

    /**
     * The codes {@link #sample(NDArray)} decodes for {@code noise}: {@code decode(priorCodes(noise), labels)}
     * is {@code sample(noise, labels)}. The noise itself (a copy, on its manager) where the prior is the
     * noise's N(0, I); a learnt prior's generator output otherwise (FlexAE's P-GEN).
     */
    default NDArray priorCodes(NDArray noise) {
        return noise.duplicate();
    }

    /**
     * Whether the model has an encoder, so that {@link #reconstruct} works. False for a pure GAN
     * (e.g. {@code wgan-gp}): callers show or score reconstructions only for models that make them.
     */
    default boolean canReconstruct() {
        return true;
    }

    /** The manager owning every parameter; closed by {@link #close()}. */
    NDManager manager();

    default Device device() {
        return manager().getDevice();
    }

    /**
     * Draws every parameter afresh from {@code seed}, the way torch initialises its layers by
     * default. A newly created model holds the values for seed 0.
     */
    void initialize(long seed);

    /** Frees every parameter and optimizer state tensor. */
    @Override
    void close();
}
