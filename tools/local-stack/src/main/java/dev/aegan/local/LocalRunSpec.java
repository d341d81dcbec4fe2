package dev.aegan.local;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The single run {@code ./run-local} asks for on Fashion-MNIST: lambda-IJAE (the main paper's model)
 * unless another model is named. The model families' own defaults (Appendix D: width 128, Adam 1e-4)
 * are the paper's, sized for a GPU; this run's width, latent size, learning rate and batch are the
 * settings under which {@code ./run-bench ijae-confidence} measured the highest
 * {@code classifier_confidence} of its samples in the first few hundred steps on a 2-core machine.
 *
 * @param hyperparameters passed to the model family as given; the family's defaults fill the rest
 */
public record LocalRunSpec(String model, int steps, int batchSize, int checkpointEvery,
                           Map<String, Object> hyperparameters) {
    public static final String IJAE = "lambda-ijae";
    public static final String VAE = "vae";
    public static final int SEED = 1;

    public LocalRunSpec {
        hyperparameters = Map.copyOf(hyperparameters);
    }

    /** lambda-IJAE's run: small enough for a CPU, fast enough to learn visibly. */
    public static LocalRunSpec ijae() {
        Map<String, Object> hyperparameters = new LinkedHashMap<>();
        hyperparameters.put("channels", 16);
        hyperparameters.put("latentDim", 16);
        hyperparameters.put("learningRate", 1e-3);
        return new LocalRunSpec(IJAE, 3000, 32, 50, hyperparameters);
    }

    /** Any other model (e.g. {@value #VAE}): its family's defaults, batch 64, a checkpoint every 100 steps. */
    public static LocalRunSpec of(String model) {
        return model.equals(IJAE) ? ijae() : new LocalRunSpec(model, 3000, 64, 100, Map.of());
    }

    public LocalRunSpec withSteps(int steps) {
        return new LocalRunSpec(model, steps, batchSize, checkpointEvery, hyperparameters);
    }

    public LocalRunSpec withCheckpointEvery(int checkpointEvery) {
        return new LocalRunSpec(model, steps, batchSize, checkpointEvery, hyperparameters);
    }

    /** The {@code POST /runs} body for {@code dataset}, seed {@value #SEED}. */
    public String request(String dataset) {
        return EventJson.writeString(new RunSpec(RunSpec.SCHEMA, null, null, model, dataset, SEED, steps, batchSize,
                checkpointEvery, hyperparameters.isEmpty() ? null : hyperparameters));
    }
}
