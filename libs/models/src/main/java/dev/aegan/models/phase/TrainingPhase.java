package dev.aegan.models.phase;

import java.util.List;

/**
 * One update within a training step (e.g. "discriminator", "encoder", "generator"): a loss, the
 * networks that loss updates, and the Adam settings for them.
 *
 * <p>During the phase only {@code networks} record gradients; every other network is frozen, so
 * gradients still flow through it (a generator loss through the discriminator) but it neither
 * accumulates nor receives an update. A schedule that updates some networks more often (alpha-GAN's
 * two encoder/generator updates per discriminator update) lists more phases, each with its own name.
 *
 * <p>Adam's moments and step counts are kept per parameter. Phases of the same {@code optimizerGroup}
 * (by default all of them, group {@value #SHARED}) share them for the networks they both update; a
 * phase of its own group keeps its own, as a schedule does that gives one loss its own optimizer
 * (FlexAE's code runs three Adams over the encoder: autoencoder, smoothing and encoder steps).
 *
 * <p>A step may consume several batches: each phase names the one it sees ({@link #batch()}, 0 unless
 * {@link #onBatch} says otherwise), as an algorithm that draws a fresh batch for every critic update does
 * (WGAN-GP's Algorithm 1). The loop then takes that many batches per step, the largest index plus one,
 * and every index below it must be some phase's.
 *
 * @param name unique within the model; metric keys are {@code <name>/loss} and {@code <name>/<metric>}
 * @param networks names from {@code GenerativeModel.networks()}
 * @param optimizerGroup whose Adam state the phase updates; {@value #SHARED} for the networks' common one
 * @param batch which of the step's batches the phase sees, zero-based
 */
public record TrainingPhase(String name, List<String> networks, AdamSettings optimizer, PhaseObjective objective,
        String optimizerGroup, int batch) {

    /** The group of every phase that names none: one Adam state per network parameter. */
    public static final String SHARED = "";

    /** A phase in the {@value #SHARED} optimizer group, on the step's first batch. */
    public TrainingPhase(String name, List<String> networks, AdamSettings optimizer, PhaseObjective objective) {
        this(name, networks, optimizer, objective, SHARED);
    }

    /** A phase on the step's first batch. */
    public TrainingPhase(String name, List<String> networks, AdamSettings optimizer, PhaseObjective objective,
            String optimizerGroup) {
        this(name, networks, optimizer, objective, optimizerGroup, 0);
    }

    public TrainingPhase {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("phase name must be non-blank and contain no '/', got " + name);
        }
        networks = List.copyOf(networks);
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("phase " + name + " updates no network");
        }
        if (optimizer == null || objective == null) {
            throw new IllegalArgumentException("phase " + name + " needs optimizer settings and an objective");
        }
        if (optimizerGroup == null || optimizerGroup.contains("/") || optimizerGroup.contains(":")) {
            throw new IllegalArgumentException("phase " + name + ": optimizer group must contain no '/' or ':', got "
                    + optimizerGroup);
        }
        if (batch < 0) {
            throw new IllegalArgumentException("phase " + name + ": batch index must be >= 0, got " + batch);
        }
    }

    /** This phase on the step's batch {@code index} (zero-based) instead. */
    public TrainingPhase onBatch(int index) {
        return new TrainingPhase(name, networks, optimizer, objective, optimizerGroup, index);
    }

    /**
     * The key under which the loop keeps the Adam state of {@code network} for this phase:
     * {@code <network>} in the shared group (the checkpoint keys of every family before groups
     * existed), {@code <group>:<network>} otherwise.
     */
    public String optimizerKey(String network) {
        return optimizerGroup.equals(SHARED) ? network : optimizerGroup + ":" + network;
    }
}
