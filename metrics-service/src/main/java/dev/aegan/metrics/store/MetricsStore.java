package dev.aegan.metrics.store;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.FeatureStatistics;
import dev.aegan.metrics.MetricsConfig;
import dev.aegan.evaluation.metrics.NearestNeighbours;
import dev.aegan.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * The metrics bucket ({@code aegan.metrics.bucket}, default {@code metrics}):
 * <ul>
 *   <li>{@code classifiers/<dataset>/classifier.params} and {@code classifier.json}
 *   ({@link ClassifierCard}, written last);</li>
 *   <li>{@code features/<dataset>/<extractor>/<fingerprint>/heldout-<n>.features} and
 *   {@code heldout-<n>.statistics}: the first n held-out images' features and their
 *   {@code FeatureStatistics}; {@code train-<m>.features}: the first m training images' features
 *   (memorisation). Features are float32 ({@code FeatureMatrixCodec}), statistics in
 *   {@code FeatureStatistics.toBytes} form;</li>
 *   <li>{@code memorisation/<runId>/step-<8 digits>.json}: {@link NearestNeighbours} (its storage contract,
 *   which the gallery reads).</li>
 * </ul>
 * Every object is written and read back verified; a cached object that does not decode is treated
 * as absent and written again.
 */
@ApplicationScoped
public class MetricsStore {
    private final ArtifactStore store;
    private final String bucket;

    @Inject
    MetricsStore(ArtifactStore store, MetricsConfig config) {
        this(store, config.bucket());
    }

    public MetricsStore(ArtifactStore store, String bucket) {
        this.store = store;
        this.bucket = bucket;
        store.ensureBucket(bucket);
    }

    /** A saved classifier: its card and its parameters, checked against the card. */
    public record SavedClassifier(ClassifierCard card, byte[] parameters) {
    }

    public Optional<SavedClassifier> classifier(String dataset) {
        return store.get(bucket, classifierPrefix(dataset) + "classifier.json")
                .map(json -> EventJson.read(json, ClassifierCard.class))
                .map(card -> new SavedClassifier(card, store.getVerified(bucket, card.parameters())));
    }

    /** Every classifier card in the bucket, by dataset. */
    public List<ClassifierCard> classifiers() {
        return store.list(bucket, "classifiers/").stream()
                .filter(key -> key.endsWith("/classifier.json"))
                .map(key -> store.get(bucket, key).map(json -> EventJson.read(json, ClassifierCard.class)))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Writes the parameters, then the card naming them; returns the card as stored. */
    public ClassifierCard saveClassifier(ClassifierCard unsaved, byte[] parameters) {
        String prefix = classifierPrefix(unsaved.dataset());
        // Each version its own parameters object: a card of an earlier version still names complete parameters.
        String parametersKey = unsaved.versionOrFirst() == 1 ? "classifier.params"
                : "classifier-v" + unsaved.versionOrFirst() + ".params";
        var stored = store.putVerified(bucket, prefix + parametersKey, parameters, "application/octet-stream");
        ClassifierCard card = new ClassifierCard(unsaved.dataset(), unsaved.name(), unsaved.classes(), unsaved.channels(),
                unsaved.height(), unsaved.width(), unsaved.featureDimension(), unsaved.steps(), unsaved.batchSize(),
                unsaved.learningRate(), unsaved.seed(), unsaved.trainingImages(), unsaved.heldOutAccuracy(),
                unsaved.heldOutImages(), stored, unsaved.trainedAt(), unsaved.version());
        store.putVerified(bucket, prefix + "classifier.json", EventJson.write(card), "application/json");
        return card;
    }

    public Optional<FeatureMatrix> features(FeatureKey key) {
        return store.get(bucket, key.featuresKey()).flatMap(bytes -> decoded(() -> FeatureMatrixCodec.decode(bytes)));
    }

    public void saveFeatures(FeatureKey key, FeatureMatrix features) {
        store.putVerified(bucket, key.featuresKey(), FeatureMatrixCodec.encode(features), "application/octet-stream");
    }

    public Optional<FeatureStatistics> statistics(FeatureKey key) {
        return store.get(bucket, key.statisticsKey())
                .flatMap(bytes -> decoded(() -> FeatureStatistics.fromBytes(bytes)));
    }

    public void saveStatistics(FeatureKey key, FeatureStatistics statistics) {
        store.putVerified(bucket, key.statisticsKey(), statistics.toBytes(), "application/octet-stream");
    }

    public void saveNeighbours(NearestNeighbours neighbours) {
        store.putVerified(bucket, NearestNeighbours.key(neighbours.runId(), neighbours.step()), EventJson.write(neighbours),
                "application/json");
    }

    public Optional<NearestNeighbours> neighbours(String runId, long step) {
        return store.get(bucket, NearestNeighbours.key(runId, step)).map(json -> EventJson.read(json, NearestNeighbours.class));
    }

    public boolean exists(String key) {
        return store.exists(bucket, key);
    }

    public String bucket() {
        return bucket;
    }

    /**
     * Which cached features: the first {@code count} images of a dataset split ({@code heldout} or
     * {@code train}) through an extractor with a fingerprint.
     */
    public record FeatureKey(String dataset, String extractor, String fingerprint, String split, int count) {
        String prefix() {
            return "features/" + dataset + "/" + extractor + "/" + fingerprint + "/" + split + "-" + count;
        }

        public String featuresKey() {
            return prefix() + ".features";
        }

        public String statisticsKey() {
            return prefix() + ".statistics";
        }
    }

    public static String classifierPrefix(String dataset) {
        return "classifiers/" + dataset + "/";
    }

    private static <T> Optional<T> decoded(java.util.function.Supplier<T> decode) {
        try {
            return Optional.of(decode.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
