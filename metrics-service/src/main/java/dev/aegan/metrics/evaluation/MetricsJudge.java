package dev.aegan.metrics.evaluation;

import dev.aegan.checkpoints.InferenceModels;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.features.ExtractorKind;
import dev.aegan.evaluation.features.FeatureExtractor;
import dev.aegan.evaluation.features.LpipsNetwork;
import dev.aegan.evaluation.images.Images;
import dev.aegan.evaluation.metrics.Evaluation;
import dev.aegan.evaluation.metrics.EvaluationSettings;
import dev.aegan.evaluation.metrics.ExtractorReference;
import dev.aegan.evaluation.metrics.HeldOutReference;
import dev.aegan.evaluation.metrics.PixelMemorisationReference;
import dev.aegan.evaluation.metrics.MetricNames;
import dev.aegan.evaluation.metrics.MetricValue;
import dev.aegan.evaluation.metrics.ModelEvaluator;
import dev.aegan.evaluation.metrics.NearestNeighbours;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.heldout.HeldOutImages;
import dev.aegan.metrics.MetricsConfig;
import dev.aegan.metrics.features.ExtractorRegistry;
import dev.aegan.metrics.features.TrainingImages;
import dev.aegan.metrics.store.ClassifierCard;
import dev.aegan.metrics.store.MetricsStore;
import dev.aegan.models.checkpoint.RestoredModel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges every {@code evaluate-every}-th checkpoint of a run (and its last) with every registered
 * metric ({@link ModelEvaluator}): generation metrics of {@code generation-samples} samples against
 * the first as many held-out images, reconstruction metrics on the first {@code reconstruction-images}
 * held-out images, memorisation against the first {@code memorisation-training-images} training
 * images, in pixel space and in the space of every extractor of the dataset. Also publishes each
 * classifier's held-out accuracy ({@value MetricNames#CLASSIFIER_ACCURACY}) with the checkpoint, so a
 * reader sees how far its features can be trusted, and stores the nearest training neighbours for
 * the gallery.
 */
@ApplicationScoped
public class MetricsJudge implements CheckpointJudge {
    public static final String PRODUCER = "metrics-service";
    private static final Logger LOG = Logger.getLogger(MetricsJudge.class);

    private final InferenceModels models;
    private final HeldOutImages heldOut;
    private final TrainingImages trainingImages;
    private final ExtractorRegistry extractors;
    private final References references;
    private final MetricsStore store;
    private final MetricsConfig config;
    private final Optional<LpipsNetwork> lpips;
    private final ModelEvaluator evaluator;

    MetricsJudge(InferenceModels models, HeldOutImages heldOut, TrainingImages trainingImages,
                 ExtractorRegistry extractors, References references, MetricsStore store, MetricsConfig config) {
        this.models = models;
        this.heldOut = heldOut;
        this.trainingImages = trainingImages;
        this.extractors = extractors;
        this.references = references;
        this.store = store;
        this.config = config;
        this.lpips = config.lpips().map(l -> LpipsNetwork.load(l.path(), l.inputSize(), l.inputChannels(),
                l.inputRange().orElse("minus-one-to-one")));
        this.evaluator = new ModelEvaluator(settings(config), lpips);
        if (config.evaluateEvery() <= 0) {
            throw new IllegalArgumentException("aegan.metrics.evaluate-every must be at least 1, got "
                    + config.evaluateEvery());
        }
    }

    /** The evaluation's sizes as configured. */
    static EvaluationSettings settings(MetricsConfig config) {
        return EvaluationSettings.builder()
                .generationSamples(config.generationSamples())
                .batchSize(config.batchSize())
                .samplingSeed(config.samplingSeed())
                .diversityPairs(config.diversityPairs())
                .kidSubsets(config.kidSubsets())
                .kidSubsetSize(config.kidSubsetSize())
                .memorisationSamples(config.memorisationSamples())
                .neighbourQueries(config.neighbourQueries())
                .neighboursPerQuery(config.neighboursPerQuery())
                .build();
    }

    @Override
    public String producer() {
        return PRODUCER;
    }

    /**
     * The checkpoint's evaluations; none for a checkpoint that is not due.
     *
     * @throws UnevaluableCheckpointException when the checkpoint or its dataset can never be evaluated
     */
    @Override
    public List<EvaluationEvent> judge(CheckpointEvent event) {
        if (!due(event)) {
            LOG.debugf("checkpoint %s@%d is not due (every %d-th is judged)", event.runId(), event.step(),
                    config.evaluateEvery());
            return List.of();
        }
        String dataset = event.spec().dataset();
        DatasetImages reference = heldOut.first(dataset, heldOutSeen(event, config.generationSamples()));
        DatasetImages originals = heldOut.first(dataset, heldOutSeen(event, config.reconstructionImages()));
        try (RestoredModel restored = models.restore(event, originals)) {
            Optional<DatasetImages> training = trainingImages.atLeast(dataset, config.memorisationTrainingImages());
            Images memorisationImages = training
                    .map(t -> Images.firstOf(t, config.memorisationTrainingImages())).orElse(null);
            PixelMemorisationReference memorisation = memorisationImages == null ? null
                    : references.pixelMemorisation(memorisationImages, reference, config.memorisationSamples());
            List<ExtractorReference> prepared = new ArrayList<>();
            for (FeatureExtractor extractor : extractors.forDataset(heldOut.all(dataset),
                    () -> trainingImages.all(dataset), trainingSeen(event))) {
                HeldOutReference heldOutReference = references.heldOut(extractor, reference, evaluator.extraction());
                FeatureMatrix trainingFeatures = memorisationImages == null ? null
                        : references.training(extractor, memorisationImages, dataset, evaluator.extraction());
                prepared.add(new ExtractorReference(extractor, heldOutReference,
                        references.originals(extractor, originals, heldOutReference, evaluator.extraction()),
                        trainingFeatures, trainingFeatures == null ? null : references.featureMemorisation(extractor,
                                dataset, trainingFeatures, heldOutReference, config.memorisationSamples())));
            }
            Evaluation result = evaluator.evaluate(restored.model(), originals, memorisation, prepared);
            if (!result.neighbours().isEmpty()) {
                store.saveNeighbours(new NearestNeighbours(NearestNeighbours.SCHEMA, event.runId(), event.step(),
                        dataset, originals.channels(), originals.height(), originals.width(), result.neighbours()));
            }
            LOG.infof("checkpoint %s@%d judged in %s", event.runId(), event.step(), result.timings());
            Instant at = Instant.now();
            List<EvaluationEvent> events = new ArrayList<>();
            for (MetricValue value : result.metrics()) {
                events.add(event(event, value, at));
            }
            for (ExtractorReference r : prepared) {
                if (r.extractor().kind() == ExtractorKind.CLASSIFIER) {
                    Optional<ClassifierCard> card = extractors.card(dataset);
                    card.ifPresent(c -> events.add(event(event, new MetricValue(MetricNames.CLASSIFIER_ACCURACY,
                            c.heldOutAccuracy(), c.name(), c.heldOutImages()), at)));
                }
            }
            return events;
        }
    }

    /**
     * How many of the first held-out images a checkpoint is compared with: at most {@code configured},
     * and no more than its dataset had announced when the checkpoint's training images were taken (its
     * {@code dataSeen}), so that a run following a growing dataset is judged, checkpoint by checkpoint,
     * against the held-out prefix of the data it was shown, and judging a checkpoint again gives the same
     * numbers whenever it happens. A checkpoint that does not say (an older trainer's) or saw none is
     * compared with the held-out images there are.
     */
    static int heldOutSeen(CheckpointEvent event, int configured) {
        Long seen = event.dataSeen() == null ? null : event.dataSeen().countsBySplit().get(Split.HELDOUT.wireName());
        return seen == null || seen <= 0 ? configured : (int) Math.min(configured, seen);
    }

    private static long trainingSeen(CheckpointEvent event) {
        return event.dataSeen() == null ? 0 : event.dataSeen().countsBySplit().getOrDefault(Split.TRAIN.wireName(), 0L);
    }

    @PreDestroy
    void close() {
        lpips.ifPresent(LpipsNetwork::close);
    }

    @Override
    public boolean due(CheckpointEvent event) {
        if (event.last() || config.evaluateEvery() == 1) {
            return true;
        }
        long every = Math.max(1, event.spec().checkpointEvery());
        return (event.step() / every) % config.evaluateEvery() == 0;
    }

    private EvaluationEvent event(CheckpointEvent checkpoint, MetricValue value, Instant at) {
        return evaluation(checkpoint, value.metric(), value.value(), value.extractor(), value.sampleCount(), at);
    }
}
