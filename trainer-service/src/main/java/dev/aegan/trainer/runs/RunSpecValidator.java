package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.api.InvalidHyperparameterException;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.api.UnknownModelException;
import dev.aegan.models.core.UnsupportedImageShapeException;
import dev.aegan.trainer.domain.RejectedSpecException;
import dev.aegan.trainer.domain.RunSpecParser;
import dev.aegan.trainer.domain.SpecRejection;
import dev.aegan.trainer.topics.AnnouncedDatasets;
import dev.aegan.trainer.training.TrainerSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Decides whether a run request can be trained: a well-formed spec, a known model, a dataset
 * with training images, hyperparameters the model accepts for that dataset's image shape (a
 * conditional model's {@code classes} defaults to the number of label names the dataset announced,
 * and may not be fewer). The
 * REST endpoint and the runs.requests consumer apply the same checks, so a record produced
 * straight onto the topic fails for the same reasons a POST is refused.
 */
@ApplicationScoped
public class RunSpecValidator {
    private final RunSpecParser parser;
    private final AnnouncedDatasets datasets;

    RunSpecValidator(TrainerSettings settings, AnnouncedDatasets datasets) {
        TrainerSettings.Spec spec = settings.spec();
        this.parser = new RunSpecParser(new RunSpecParser.SpecLimits(spec.defaultSteps(), spec.defaultBatchSize(),
                spec.defaultCheckpointEvery(), spec.maxSteps(), spec.maxBatchSize()));
        this.datasets = datasets;
    }

    /**
     * The complete spec (defaults filled in, hyperparameters as the model will use them).
     *
     * @throws RejectedSpecException naming the first problem found
     */
    public ValidRun validate(String json, String key, UnaryOperator<String> newRunId) {
        RunSpec spec = parser.parse(json, key, newRunId);
        ModelFamily family;
        try {
            family = ModelRegistry.family(spec.model());
        } catch (UnknownModelException e) {
            throw new RejectedSpecException(SpecRejection.UNKNOWN_MODEL, e.getMessage());
        }
        DatasetEvent dataset = datasets.withTrainingImages(spec.dataset()).orElseThrow(() -> new RejectedSpecException(
                SpecRejection.DATASET_NOT_FOUND, "dataset '" + spec.dataset() + "' has no training images: no event on "
                + "datasets.events announces it with a train count above 0; upload it through ingest-service first"));
        ImageShape shape = new ImageShape(dataset.channels(), dataset.height(), dataset.width());
        try {
            Map<String, Object> hyperparameters = family.resolve(shape, withDatasetClasses(family, spec, dataset));
            requireEveryLabel(family, hyperparameters, dataset);
            RunSpec complete = new RunSpec(RunSpec.SCHEMA, spec.runId(), spec.group(), spec.model(), spec.dataset(),
                    spec.seed(), spec.steps(), spec.batchSize(), spec.checkpointEvery(), hyperparameters, spec.judging(),
                    spec.follow());
            return new ValidRun(complete, family, shape);
        } catch (InvalidHyperparameterException e) {
            throw new RejectedSpecException(SpecRejection.INVALID_HYPERPARAMETER, e.getMessage());
        } catch (UnsupportedImageShapeException e) {
            throw new RejectedSpecException(SpecRejection.UNSUPPORTED_IMAGE_SHAPE, e.getMessage());
        }
    }

    private static Map<String, ?> withDatasetClasses(ModelFamily family, RunSpec spec, DatasetEvent dataset) {
        List<String> names = dataset.labelNames() == null ? List.of() : dataset.labelNames();
        if (!family.conditional() || names.isEmpty() || spec.hyperparameters().containsKey(ModelFamily.CLASSES)) {
            return spec.hyperparameters();
        }
        Map<String, Object> withClasses = new LinkedHashMap<>(spec.hyperparameters());
        withClasses.put(ModelFamily.CLASSES, names.size());
        return withClasses;
    }

    private static void requireEveryLabel(ModelFamily family, Map<String, Object> hyperparameters,
            DatasetEvent dataset) {
        int named = dataset.labelNames() == null ? 0 : dataset.labelNames().size();
        if (family.conditional() && (Integer) hyperparameters.get(ModelFamily.CLASSES) < named) {
            throw new RejectedSpecException(SpecRejection.INVALID_HYPERPARAMETER, ModelFamily.CLASSES + " = "
                    + hyperparameters.get(ModelFamily.CLASSES) + " is fewer than the " + named + " labels dataset '"
                    + dataset.dataset() + "' names " + dataset.labelNames() + "; leave it out to use " + named);
        }
    }

    /** A spec that passed every check, with the model family and the dataset's image shape. */
    public record ValidRun(RunSpec spec, ModelFamily family, ImageShape shape) {
    }
}
