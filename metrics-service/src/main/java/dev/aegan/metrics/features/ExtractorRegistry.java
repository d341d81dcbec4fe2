package dev.aegan.metrics.features;

import dev.aegan.evaluation.features.TorchScriptExtractor;
import dev.aegan.evaluation.features.FeatureExtractor;
import dev.aegan.evaluation.features.ExtractorKind;
import dev.aegan.evaluation.features.DatasetClassifier;
import dev.aegan.evaluation.features.ClassifierTraining;
import dev.aegan.evaluation.features.ClassifierTrainer;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.metrics.MetricsConfig;
import dev.aegan.metrics.store.ClassifierCard;
import dev.aegan.metrics.store.MetricsStore;
import dev.aegan.metrics.store.MetricsStore.SavedClassifier;
import dev.aegan.models.core.ImageShape;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The extractors of each dataset: its own classifier, loaded from S3 or, the first time, trained
 * and saved there (counted by {@code aegan_metrics_classifier_trainings_total}), then every
 * configured TorchScript network, loaded at start-up so a bad path fails the start with its reason.
 * A dataset without labels has no classifier (logged once). When a checkpoint saw more training images
 * than the classifier's labels were last checked on and they hold a class the classifier does not know
 * (a dataset a run follows got new classes), a new version is trained on them, named
 * {@code <dataset>-classifier-v<version>}; the evaluations of later checkpoints name it as their extractor.
 */
@ApplicationScoped
public class ExtractorRegistry {
    private static final Logger LOG = Logger.getLogger(ExtractorRegistry.class);

    private final MetricsConfig config;
    private final MetricsStore store;
    private final MeterRegistry meters;
    private final Map<String, TorchScriptExtractor> torchScripts = new TreeMap<>();
    private final Map<String, String> paths = new TreeMap<>();
    private final Map<String, Optional<DatasetClassifier>> classifiers = new ConcurrentHashMap<>();
    /** Per dataset, how many training images' labels the current classifier's classes were checked against. */
    private final Map<String, Long> labelsChecked = new ConcurrentHashMap<>();
    private final List<DatasetClassifier> retired = new CopyOnWriteArrayList<>();

    ExtractorRegistry(MetricsConfig config, MetricsStore store, MeterRegistry meters) {
        this.config = config;
        this.store = store;
        this.meters = meters;
        config.torchscript().forEach((name, settings) -> {
            torchScripts.put(name, TorchScriptExtractor.load(name, settings.path(), settings.inputSize(),
                    settings.inputChannels(), settings.inputRange()));
            paths.put(name, settings.path().toString());
        });
    }

    /**
     * The dataset's classifier (when it can have one) followed by the TorchScript extractors.
     *
     * @param training     the dataset's training split, read only when a classifier must be trained or its
     *                     classes checked
     * @param trainingSeen how many training images the checkpoint saw (0 when it does not say)
     */
    public List<FeatureExtractor> forDataset(DatasetImages heldOut, Supplier<Optional<DatasetImages>> training,
                                             long trainingSeen) {
        List<FeatureExtractor> extractors = new ArrayList<>();
        classifierKnowingEveryClass(heldOut, training, trainingSeen).ifPresent(extractors::add);
        extractors.addAll(torchScripts.values());
        return extractors;
    }

    /** The card of the dataset's classifier, when it has one. */
    public Optional<ClassifierCard> card(String dataset) {
        return store.classifier(dataset).map(SavedClassifier::card);
    }

    /** Every classifier in S3 (any replica's) and every TorchScript extractor. */
    public List<ExtractorInfo> describe() {
        List<ExtractorInfo> infos = new ArrayList<>();
        for (ClassifierCard card : store.classifiers()) {
            infos.add(new ExtractorInfo(card.name(), ExtractorKind.CLASSIFIER, card.featureDimension(), card.dataset(),
                    card.heldOutAccuracy(), card.heldOutImages(), card.trainingImages(), card.steps(), card.trainedAt(),
                    null));
        }
        torchScripts.forEach((name, extractor) -> infos.add(new ExtractorInfo(name, ExtractorKind.TORCHSCRIPT,
                extractor.featureDimension().isPresent() ? extractor.featureDimension().getAsInt() : null, null, null,
                null, null, null, null, paths.get(name))));
        return infos;
    }

    private synchronized Optional<DatasetClassifier> classifierKnowingEveryClass(DatasetImages heldOut,
            Supplier<Optional<DatasetImages>> training, long trainingSeen) {
        String dataset = heldOut.dataset();
        Optional<DatasetClassifier> current = classifier(heldOut, training);
        if (current.isEmpty() || trainingSeen <= labelsChecked.getOrDefault(dataset, 0L)) {
            return current;
        }
        Optional<DatasetImages> images = training.get();
        images.ifPresent(all -> labelsChecked.put(dataset, (long) all.count()));
        int classes = images.map(all -> IntStream.of(all.labels()).max().orElse(-1) + 1).orElse(0);
        if (classes <= current.get().classes()) {
            return current;
        }
        int version = store.classifier(dataset).map(saved -> saved.card().versionOrFirst()).orElse(1) + 1;
        LOG.infof("dataset '%s' now has %d classes, its classifier knows %d: training version %d", dataset, classes,
                current.get().classes(), version);
        Optional<DatasetClassifier> next = trained(heldOut, images.get(), version);
        if (next.isEmpty()) {
            return current;
        }
        // A judge may still be extracting with the old version: it is closed with the registry.
        retired.add(current.get());
        classifiers.put(dataset, next);
        return next;
    }

    private Optional<DatasetClassifier> classifier(DatasetImages heldOut,
                                                   Supplier<Optional<DatasetImages>> training) {
        String dataset = heldOut.dataset();
        Optional<DatasetClassifier> known = classifiers.get(dataset);
        if (known != null) {
            return known;
        }
        Optional<DatasetClassifier> classifier = store.classifier(dataset)
                .map(saved -> DatasetClassifier.restore(saved.card().name(),
                        new ImageShape(saved.card().channels(), saved.card().height(),
                                saved.card().width()), saved.card().classes(), saved.parameters()))
                .or(() -> trained(heldOut, training.get().orElse(null), 1));
        classifiers.put(dataset, classifier);
        return classifier;
    }

    private Optional<DatasetClassifier> trained(DatasetImages heldOut, DatasetImages training, int version) {
        Optional<String> obstacle = ClassifierTrainer.obstacle(training, heldOut);
        if (obstacle.isPresent()) {
            LOG.infof("no classifier features for dataset '%s': %s; its checkpoints get pixel and TorchScript"
                    + " metrics only", heldOut.dataset(), obstacle.get());
            return Optional.empty();
        }
        MetricsConfig.Classifier budget = config.classifier();
        ClassifierTraining settings = new ClassifierTraining(budget.steps(), budget.batchSize(), budget.learningRate(),
                budget.seed());
        String name = DatasetClassifier.nameFor(heldOut.dataset()) + (version == 1 ? "" : "-v" + version);
        long start = System.nanoTime();
        ClassifierTrainer.Trained trained = ClassifierTrainer.train(name, training, heldOut, settings,
                config.batchSize());
        DatasetClassifier classifier = trained.classifier();
        meters.counter("aegan.metrics.classifier.trainings", "dataset", heldOut.dataset()).increment();
        store.saveClassifier(new ClassifierCard(heldOut.dataset(), name, classifier.classes(),
                classifier.shape().channels(), classifier.shape().height(), classifier.shape().width(),
                DatasetClassifier.FEATURES, settings.steps(), settings.batchSize(), settings.learningRate(),
                settings.seed(), trained.trainingImages(), trained.heldOutAccuracy(), trained.heldOutImages(), null,
                Instant.now(), version), classifier.parameters());
        LOG.infof("trained classifier %s in %.1fs (%d steps on %d labelled training images): held-out accuracy %.4f"
                        + " on %d images", name, (System.nanoTime() - start) / 1e9, settings.steps(),
                trained.trainingImages(), trained.heldOutAccuracy(), trained.heldOutImages());
        return Optional.of(classifier);
    }

    @PreDestroy
    void close() {
        classifiers.values().forEach(c -> c.ifPresent(DatasetClassifier::close));
        retired.forEach(DatasetClassifier::close);
        torchScripts.values().forEach(TorchScriptExtractor::close);
    }
}
