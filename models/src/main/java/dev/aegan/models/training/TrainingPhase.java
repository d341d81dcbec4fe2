package dev.aegan.models.training;

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
 * @param name unique within the model; metric keys are {@code <name>/loss} and {@code <name>/<metric>}
 * @param networks names from {@code GenerativeModel.networks()}
 */
public record TrainingPhase(String name, List<String> networks, AdamSettings optimizer, PhaseObjective objective) {

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
    }
}
