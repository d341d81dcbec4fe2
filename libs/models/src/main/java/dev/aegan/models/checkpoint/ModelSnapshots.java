package dev.aegan.models.checkpoint;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.api.FamilyLookup;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.ModelFamily;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes models to {@link ModelSnapshot}s and rebuilds them, for training or for inference. */
public final class ModelSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ModelSnapshots() {
    }

    /**
     * The model's parameters, the optimizer state and the training state; training takes it through
     * {@code PhaseLoop.snapshot}, which checks that {@code step} is where the loop stands.
     *
     * @param optimizerState the Adam state ({@code optimizer.bin})
     * @param seed the run's seed
     * @param step completed steps
     */
    public static ModelSnapshot write(GenerativeModel model, byte[] optimizerState, long seed, long step) {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (Map.Entry<String, Block> network : model.networks().entrySet()) {
            objects.put(ModelSnapshot.networkKey(network.getKey()), NetworkParameters.toBytes(network.getValue()));
        }
        objects.put(ModelSnapshot.OPTIMIZER, optimizerState);
        TrainingState state = new TrainingState(TrainingState.SCHEMA, model.familyName(), model.shape(),
                model.latentDim(), model.hyperparameters(), seed, step,
                List.copyOf(model.networks().keySet()));
        try {
            objects.put(ModelSnapshot.TRAINING_STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write training state " + state, e);
        }
        return new ModelSnapshot(objects);
    }

    /** The training state of a checkpoint without loading any tensor. */
    public static TrainingState trainingState(ModelSnapshot snapshot) {
        TrainingState state;
        try {
            state = JSON.readValue(snapshot.object(ModelSnapshot.TRAINING_STATE), TrainingState.class);
        } catch (IOException e) {
            throw new InvalidSnapshotException("unreadable " + ModelSnapshot.TRAINING_STATE + ": " + e.getMessage(), e);
        }
        if (state.schema() != TrainingState.SCHEMA) {
            throw new InvalidSnapshotException(ModelSnapshot.TRAINING_STATE + " has schema " + state.schema()
                    + "; this library reads schema " + TrainingState.SCHEMA);
        }
        if (state.family() == null || state.shape() == null || state.networks() == null || state.step() < 0) {
            throw new InvalidSnapshotException(ModelSnapshot.TRAINING_STATE + " lacks family, shape, networks or step: "
                    + state);
        }
        return state;
    }

    /** Rebuilds the model, of a family {@code families} knows, on the PyTorch engine's default device. */
    public static RestoredModel restore(ModelSnapshot snapshot, FamilyLookup families) {
        return restore(snapshot, Engine.getEngine("PyTorch").defaultDevice(), families);
    }

    /**
     * Rebuilds the model, of a family {@code families} knows, on {@code device}. Works without
     * {@code optimizer.bin} (inference only).
     *
     * @throws InvalidSnapshotException if objects are missing, corrupt, or do not fit the model
     */
    public static RestoredModel restore(ModelSnapshot snapshot, Device device, FamilyLookup families) {
        TrainingState state = trainingState(snapshot);
        ModelFamily family;
        try {
            family = families.family(state.family());
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException("checkpoint of an unknown model: " + e.getMessage(), e);
        }
        GenerativeModel model;
        try {
            model = family.create(state.shape(), state.hyperparameters() == null ? Map.of() : state.hyperparameters(),
                    device);
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException("checkpoint's model cannot be rebuilt: " + e.getMessage(), e);
        }
        try {
            if (model.latentDim() != state.latentDim() || !model.networks().keySet().equals(Set.copyOf(state.networks()))) {
                throw new InvalidSnapshotException("checkpoint of " + state.family() + " with networks " + state.networks()
                        + " and latentDim " + state.latentDim() + " does not match the rebuilt model's "
                        + model.networks().keySet() + " and " + model.latentDim());
            }
            for (Map.Entry<String, Block> network : model.networks().entrySet()) {
                NetworkParameters.load(network.getValue(), model.manager(), network.getKey(),
                        snapshot.object(ModelSnapshot.networkKey(network.getKey())));
            }
            byte[] optimizer = snapshot.has(ModelSnapshot.OPTIMIZER) ? snapshot.object(ModelSnapshot.OPTIMIZER) : null;
            return new RestoredModel(model, state.step(), state.seed(), optimizer);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
