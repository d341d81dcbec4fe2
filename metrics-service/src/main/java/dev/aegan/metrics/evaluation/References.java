package dev.aegan.metrics.evaluation;

import dev.aegan.evaluation.metrics.HeldOutReference;
import dev.aegan.evaluation.metrics.MemorisationBaseline;
import dev.aegan.evaluation.metrics.MetricNames;
import dev.aegan.evaluation.metrics.PixelMemorisationReference;
import dev.aegan.evaluation.metrics.ReconstructedOriginals;
import dev.aegan.evaluation.features.FeatureExtraction;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.FeatureStatistics;
import dev.aegan.evaluation.images.Images;
import dev.aegan.evaluation.features.FeatureExtractor;
import dev.aegan.metrics.store.MetricsStore;
import dev.aegan.metrics.store.MetricsStore.FeatureKey;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What checkpoints are compared with, per dataset and extractor: the held-out reference (features
 * and statistics cached in S3, k-NN radii rebuilt from the features), the held-out images every
 * checkpoint reconstructs (the reference's first rows when it holds them, else their features cached
 * in S3), the features of the memorisation training images (cached in S3) and the memorisation
 * baselines (data-against-data rows, kept in memory only: a few seconds to rebuild after a restart).
 * Kept in memory once built or read.
 */
@ApplicationScoped
public class References {
    private static final Logger LOG = Logger.getLogger(References.class);
    public static final String HELDOUT = "heldout";
    public static final String TRAIN = "train";

    private final MetricsStore store;
    private final Map<FeatureKey, HeldOutReference> heldOut = new ConcurrentHashMap<>();
    private final Map<FeatureKey, ReconstructedOriginals> originals = new ConcurrentHashMap<>();
    private final Map<FeatureKey, FeatureMatrix> training = new ConcurrentHashMap<>();
    private final Map<BaselineKey, PixelMemorisationReference> pixelMemorisation = new ConcurrentHashMap<>();
    private final Map<BaselineKey, MemorisationBaseline> featureMemorisation = new ConcurrentHashMap<>();

    /** A baseline's sets: the first {@code training} training and {@code heldOut} held-out images, in a space. */
    private record BaselineKey(String dataset, String space, String fingerprint, int training, int heldOut,
                               int queries) {
    }

    References(MetricsStore store) {
        this.store = store;
    }

    /** The reference of {@code images} (the first n held-out images of their dataset). */
    public HeldOutReference heldOut(FeatureExtractor extractor, DatasetImages images, FeatureExtraction extraction) {
        FeatureKey key = key(images, extractor, HELDOUT);
        return heldOut.computeIfAbsent(key, k -> {
            Optional<FeatureMatrix> cached = store.features(k);
            Optional<FeatureStatistics> statistics = store.statistics(k);
            if (cached.isPresent() && statistics.isPresent()) {
                return HeldOutReference.of(cached.get(), statistics.get());
            }
            FeatureMatrix features = extraction.extract(extractor, Images.fromDataset(images)).features();
            HeldOutReference built = HeldOutReference.of(features);
            store.saveFeatures(k, features);
            store.saveStatistics(k, built.statistics());
            LOG.infof("held-out reference of '%s' in %s's space cached: %s", images.dataset(), extractor.name(),
                    k.featuresKey());
            return built;
        });
    }

    /**
     * The reconstructed held-out images {@code images} (the first n of their dataset's held-out split, as
     * {@code heldOut}'s are the first of it): {@code heldOut}'s first rows when it holds n or more.
     */
    public ReconstructedOriginals originals(FeatureExtractor extractor, DatasetImages images, HeldOutReference heldOut,
                                            FeatureExtraction extraction) {
        if (images.count() <= heldOut.size()) {
            return originals.computeIfAbsent(key(images, extractor, HELDOUT),
                    k -> ReconstructedOriginals.firstOf(heldOut, images.count()));
        }
        return originals.computeIfAbsent(key(images, extractor, HELDOUT), k -> ReconstructedOriginals.of(
                store.features(k).orElseGet(() -> {
                    FeatureMatrix features = extraction.extract(extractor, Images.fromDataset(images)).features();
                    store.saveFeatures(k, features);
                    return features;
                })));
    }

    /** Features of {@code images} (the first m training images of their dataset). */
    public FeatureMatrix training(FeatureExtractor extractor, Images images, String dataset,
                                  FeatureExtraction extraction) {
        FeatureKey key = new FeatureKey(dataset, extractor.name(), extractor.fingerprint(), TRAIN, images.count());
        return training.computeIfAbsent(key, k -> store.features(k).orElseGet(() -> {
            FeatureMatrix features = extraction.extract(extractor, images).features();
            store.saveFeatures(k, features);
            return features;
        }));
    }

    /** The memorisation sets in pixel space with their baseline of the first {@code queries} images. */
    public PixelMemorisationReference pixelMemorisation(Images training, DatasetImages heldOut, int queries) {
        return pixelMemorisation.computeIfAbsent(new BaselineKey(heldOut.dataset(), MetricNames.PIXELS, "",
                        training.count(), heldOut.count(), queries),
                k -> PixelMemorisationReference.of(training, Images.fromDataset(heldOut), queries));
    }

    /** The baseline of the first {@code queries} images in {@code extractor}'s space. */
    public MemorisationBaseline featureMemorisation(FeatureExtractor extractor, String dataset, FeatureMatrix training,
                                                    HeldOutReference heldOut, int queries) {
        return featureMemorisation.computeIfAbsent(new BaselineKey(dataset, extractor.name(), extractor.fingerprint(),
                        training.rows(), heldOut.size(), queries),
                k -> MemorisationBaseline.inFeatures(training, heldOut.features(), queries));
    }

    public static FeatureKey key(DatasetImages images, FeatureExtractor extractor, String split) {
        return new FeatureKey(images.dataset(), extractor.name(), extractor.fingerprint(), split, images.count());
    }
}
