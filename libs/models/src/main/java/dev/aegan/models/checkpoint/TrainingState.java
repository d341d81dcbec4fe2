package dev.aegan.models.checkpoint;

import dev.aegan.models.core.ImageShape;
import java.util.List;
import java.util.Map;

/**
 * The JSON object {@code training-state.json} of a checkpoint: which model to rebuild and where
 * training stood.
 *
 * @param schema format version of this object, {@value #SCHEMA}
 * @param step completed training steps
 * @param seed the run's seed (initialisation and per-step randomness)
 * @param hyperparameters effective values, defaults included
 * @param networks the objects {@code networks/<name>.params} present, in the model's order
 */
public record TrainingState(int schema, String family, ImageShape shape, int latentDim,
        Map<String, Object> hyperparameters, long seed, long step, List<String> networks) {

    public static final int SCHEMA = 1;
}
