package dev.aegan.models.checkpoint;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.GenerativeModel;
import dev.aegan.models.ModelFamily;
import dev.aegan.models.ModelRegistry;
import dev.aegan.models.nn.LearnedParameters;
import dev.aegan.models.training.PhaseLoop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
     * The model's parameters, the loop's optimizer state and the training state.
     *
     * @param step completed steps; must equal {@code loop.completedSteps()}, since per-step
     *             randomness is derived from it and a mismatch would break exact resumption
     */
    public static ModelSnapshot capture(GenerativeModel model, PhaseLoop loop, long step) {
        if (loop.model() != model) {
            throw new IllegalArgumentException("the loop trains a different model instance");
        }
        if (step != loop.completedSteps()) {
            throw new IllegalArgumentException("snapshot step " + step + " differs from the loop's completed steps "
                    + loop.completedSteps());
        }
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (Map.Entry<String, Block> network : model.networks().entrySet()) {
            objects.put(ModelSnapshot.networkKey(network.getKey()), parameters(network.getValue()));
        }
        objects.put(ModelSnapshot.OPTIMIZER, loop.optimizer().toBytes());
        TrainingState state = new TrainingState(TrainingState.SCHEMA, model.familyName(), model.shape(),
                model.latentDim(), model.hyperparameters(), loop.seed(), step,
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

    /** Rebuilds the model on the PyTorch engine's default device. */
    public static RestoredModel restore(ModelSnapshot snapshot) {
        return restore(snapshot, Engine.getEngine("PyTorch").defaultDevice());
    }

    /**
     * Rebuilds the model on {@code device}. Works without {@code optimizer.bin} (inference only).
     *
     * @throws InvalidSnapshotException if objects are missing, corrupt, or do not fit the model
     */
    public static RestoredModel restore(ModelSnapshot snapshot, Device device) {
        TrainingState state = trainingState(snapshot);
        ModelFamily family;
        try {
            family = ModelRegistry.family(state.family());
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
                load(model, network.getKey(), network.getValue(), snapshot.object(ModelSnapshot.networkKey(network.getKey())));
            }
            byte[] optimizer = snapshot.has(ModelSnapshot.OPTIMIZER) ? snapshot.object(ModelSnapshot.OPTIMIZER) : null;
            return new RestoredModel(model, state.step(), state.seed(), optimizer);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private static byte[] parameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void load(GenerativeModel model, String name, Block block, byte[] bytes) {
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        block.getParameters().forEach(parameters::add);
        Map<Parameter, NDArray> previous = new IdentityHashMap<>();
        parameters.forEach(p -> previous.put(p.getValue(), p.getValue().getArray()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(model.manager(), in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidSnapshotException("parameters of network " + name + " do not load: " + e.getMessage(), e);
        }
        for (Pair<String, Parameter> p : parameters) {
            NDArray old = previous.get(p.getValue());
            NDArray loaded = p.getValue().getArray();
            if (!loaded.getShape().equals(old.getShape()) || loaded.getDataType() != old.getDataType()) {
                throw new InvalidSnapshotException("parameter " + name + "/" + p.getKey() + " in the checkpoint is "
                        + loaded.getDataType() + " " + loaded.getShape() + ", the model needs " + old.getDataType() + " "
                        + old.getShape());
            }
            if (old != loaded) {
                old.close();
            }
            // Parameter.load wraps a Java buffer (from_blob); move the values into libtorch's memory.
            loaded.intern(loaded.duplicate());
        }
        // DJL's Parameter.load replaces the array without marking it as requiring a gradient.
        LearnedParameters.freeze(block, false);
    }
}
