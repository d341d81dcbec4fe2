package dev.aegan.metrics.evaluation;

import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.metrics.domain.Images;
import dev.aegan.metrics.domain.NearestNeighbours;
import dev.aegan.metrics.features.FeatureExtractor;
import dev.aegan.models.api.GenerativeModel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The whole evaluation of one checkpoint, stage by stage, each timed: sampling, feature
 * extraction, generation metrics, reconstruction metrics, memorisation. Plain Java: the service's
 * judge and the benchmark both run it. The held-out references and training features come in
 * ready (they are built once per dataset and extractor, see {@link HeldOutReference}).
 */
public final class Battery {
    public static final String SAMPLING = "sampling";
    public static final String FEATURE_EXTRACTION = "feature extraction";
    public static final String GENERATION_METRICS = "generation metrics";
    public static final String RECONSTRUCTION_METRICS = "reconstruction metrics";
    public static final String MEMORISATION = "memorisation";

    private final BatterySettings settings;
    private final SampleDrawing drawing;
    private final FeatureExtraction extraction;
    private final GenerationMetrics generation;
    private final ReconstructionStage reconstruction = new ReconstructionStage();
    private final MemorisationStage memorisation;

    public Battery(BatterySettings settings) {
        this.settings = settings;
        this.drawing = new SampleDrawing(settings.batchSize(), settings.samplingSeed());
        this.extraction = new FeatureExtraction(settings.batchSize());
        this.generation = new GenerationMetrics(settings.kidSubsets(), settings.kidSubsetSize(),
                settings.diversityPairs());
        this.memorisation = new MemorisationStage(settings.neighbourQueries(), settings.neighboursPerQuery());
    }

    /**
     * One extractor with what its metrics compare against.
     *
     * @param training features of the memorisation training images, or null when there are none
     */
    public record ExtractorReference(FeatureExtractor extractor, HeldOutReference heldOut, FeatureMatrix training) {
    }

    /** The metrics, the gallery's nearest neighbours (none without training images), and the time per stage. */
    public record Result(List<MetricValue> metrics, List<NearestNeighbours.Space> neighbours, StageTimings timings) {
    }

    public FeatureExtraction extraction() {
        return extraction;
    }

    /**
     * @param originals held-out images to reconstruct (ignored for a model without an encoder)
     * @param training  the memorisation training images, or null when the dataset has none
     */
    public Result evaluate(GenerativeModel model, DatasetImages originals, Images training,
                           List<ExtractorReference> references) {
        StageTimings timings = new StageTimings();
        List<MetricValue> metrics = new ArrayList<>();
        Images samples = timings.time(SAMPLING, () -> drawing.samples(model, settings.generationSamples()));
        Images originalImages = Images.fromDataset(originals);
        Images reconstructions = model.canReconstruct() ? timings.time(SAMPLING,
                () -> drawing.reconstructions(model, originalImages, originals.labels())) : null;
        int memorised = Math.min(settings.memorisationSamples(), samples.count());
        int[] memorisedRows = IntStream.range(0, memorised).toArray();

        List<Features> generated = new ArrayList<>();
        List<FeatureMatrix[]> reconstructed = new ArrayList<>();
        for (ExtractorReference reference : references) {
            FeatureExtractor extractor = reference.extractor();
            generated.add(timings.time(FEATURE_EXTRACTION, () -> extraction.extract(extractor, samples)));
            if (reconstructions != null) {
                reconstructed.add(timings.time(FEATURE_EXTRACTION, () -> new FeatureMatrix[] {
                        extraction.extract(extractor, originalImages).features(),
                        extraction.extract(extractor, reconstructions).features()}));
            }
        }

        timings.time(GENERATION_METRICS, () -> {
            for (int e = 0; e < references.size(); e++) {
                ExtractorReference reference = references.get(e);
                metrics.addAll(generation.inFeatureSpace(reference.extractor().name(), reference.heldOut(),
                        generated.get(e)));
            }
            metrics.add(generation.diversity(samples));
        });

        if (reconstructions != null) {
            timings.time(RECONSTRUCTION_METRICS, () -> {
                metrics.addAll(reconstruction.inPixelSpace(originals, reconstructions));
                for (int e = 0; e < references.size(); e++) {
                    metrics.add(reconstruction.perceptual(references.get(e).extractor().name(),
                            reconstructed.get(e)[0], reconstructed.get(e)[1]));
                }
            });
        }

        List<NearestNeighbours.Space> neighbours = new ArrayList<>();
        if (training != null) {
            timings.time(MEMORISATION, () -> {
                Images queries = samples.first(memorised);
                metrics.add(memorisation.pixelScore(queries, training));
                FeatureMatrix trainingPixels = training.toUnitBatch().asFeatures();
                neighbours.add(memorisation.nearest(MetricNames.PIXELS, queries.toUnitBatch().asFeatures(),
                        trainingPixels, samples, training));
                for (int e = 0; e < references.size(); e++) {
                    ExtractorReference reference = references.get(e);
                    FeatureMatrix sampleFeatures = generated.get(e).features().select(memorisedRows);
                    metrics.add(memorisation.featureScore(reference.extractor().name(), sampleFeatures,
                            reference.training()));
                    neighbours.add(memorisation.nearest(reference.extractor().name(), sampleFeatures,
                            reference.training(), samples, training));
                }
            });
        }
        return new Result(List.copyOf(metrics), List.copyOf(neighbours), timings);
    }
}
