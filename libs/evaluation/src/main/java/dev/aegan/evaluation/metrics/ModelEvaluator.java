package dev.aegan.evaluation.metrics;

import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.features.FeatureExtraction;
import dev.aegan.evaluation.features.FeatureExtractor;
import dev.aegan.evaluation.features.LpipsNetwork;
import dev.aegan.evaluation.features.Features;
import dev.aegan.evaluation.images.Images;
import dev.aegan.evaluation.images.SampleDrawing;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.RandomStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Evaluates one generative model with every metric of {@link MetricRegistry}, stage by stage, each
 * timed: sampling, feature extraction, then the metrics stage by stage ({@link Reference.Stage}),
 * a stage only when its reference data is there (reconstructions for a model with an encoder,
 * memorisation with training images). Plain Java: the metrics service's judge and the benchmark
 * both run it. The held-out references, the reconstructed originals' features and the training features
 * come in ready (they are built once per dataset and extractor, see {@link HeldOutReference}).
 */
public final class ModelEvaluator {
    public static final String SAMPLING = "sampling";
    public static final String FEATURE_EXTRACTION = "feature extraction";

    private final EvaluationSettings settings;
    private final List<Metric> metrics;
    private final SampleDrawing drawing;
    private final FeatureExtraction extraction;
    private final NearestTrainingImages neighbours;

    public ModelEvaluator(EvaluationSettings settings) {
        this(settings, Optional.empty());
    }

    /** @param lpips the user's LPIPS network, when one is configured; the caller closes it */
    public ModelEvaluator(EvaluationSettings settings, Optional<LpipsNetwork> lpips) {
        this.settings = settings;
        this.metrics = MetricRegistry.metrics(settings, lpips);
        this.drawing = new SampleDrawing(settings.batchSize());
        this.extraction = new FeatureExtraction(settings.batchSize());
        this.neighbours = new NearestTrainingImages(settings.neighbourQueries(), settings.neighboursPerQuery());
    }

    public FeatureExtraction extraction() {
        return extraction;
    }

    /**
     * @param originals held-out images to reconstruct (ignored for a model without an encoder)
     * @param memorisation the memorisation training and held-out images, or null when the dataset has no training images
     * @throws IllegalArgumentException when a reference's {@link ExtractorReference#originals()} are not
     *                                  as many as {@code originals}
     */
    public Evaluation evaluate(GenerativeModel model, DatasetImages originals, PixelMemorisationReference memorisation,
                               List<ExtractorReference> references) {
        for (ExtractorReference reference : references) {
            if (reference.originals().size() != originals.count()) {
                throw new IllegalArgumentException(reference.extractor().name() + "'s reconstructed originals hold "
                        + reference.originals().size() + " images, not the " + originals.count() + " to reconstruct");
            }
        }
        StageTimings timings = new StageTimings();
        Images samples = timings.time(SAMPLING, () -> drawing.samples(model,
                RandomStream.of(settings.samplingSeed()), settings.generationSamples()));
        Images originalImages = Images.fromDataset(originals);
        Images reconstructions = model.canReconstruct() ? timings.time(SAMPLING,
                () -> drawing.reconstructions(model, originalImages, originals.labels())) : null;
        int[] memorisedRows = IntStream.range(0, Math.min(settings.memorisationSamples(), samples.count())).toArray();
        Images training = memorisation == null ? null : memorisation.training();
        Images queries = training == null ? null : samples.first(memorisedRows.length);
        PixelInputs pixels = new PixelInputs(samples, originals, reconstructions, queries, memorisation);

        List<FeatureInputs> spaces = new ArrayList<>();
        for (ExtractorReference reference : references) {
            FeatureExtractor extractor = reference.extractor();
            Features generated = timings.time(FEATURE_EXTRACTION, () -> extraction.extract(extractor, samples));
            FeatureMatrix reconstructed = reconstructions == null ? null
                    : timings.time(FEATURE_EXTRACTION, () -> extraction.extract(extractor, reconstructions).features());
            spaces.add(new FeatureInputs(extractor.name(), reference.heldOut(), generated, reference.originals(),
                    reconstructed, training == null ? null : generated.features().select(memorisedRows),
                    reference.training(), reference.memorisationBaseline()));
        }

        List<MetricValue> values = new ArrayList<>();
        List<NearestNeighbours.Space> nearest = new ArrayList<>();
        for (Reference.Stage stage : Reference.Stage.values()) {
            if (stage == Reference.Stage.RECONSTRUCTION && reconstructions == null
                    || stage == Reference.Stage.MEMORISATION && training == null) {
                continue;
            }
            timings.time(stage.title(), () -> {
                values.addAll(compute(stage, pixels, spaces));
                if (stage == Reference.Stage.MEMORISATION) {
                    nearest.addAll(nearestTrainingImages(pixels, spaces));
                }
            });
        }
        return new Evaluation(List.copyOf(values), List.copyOf(nearest), timings);
    }

    /** The stage's metrics in registry order, each run of consecutive feature metrics extractor by extractor. */
    private List<MetricValue> compute(Reference.Stage stage, PixelInputs pixels, List<FeatureInputs> spaces) {
        List<MetricValue> values = new ArrayList<>();
        List<FeatureMetric> run = new ArrayList<>();
        for (Metric metric : metrics) {
            if (metric.reference().stage() != stage) {
                continue;
            }
            if (metric instanceof FeatureMetric feature) {
                run.add(feature);
            } else if (metric instanceof PixelMetric pixel) {
                values.addAll(inEverySpace(run, spaces));
                run.clear();
                values.addAll(pixel.compute(pixels));
            }
        }
        values.addAll(inEverySpace(run, spaces));
        return values;
    }

    private static List<MetricValue> inEverySpace(List<FeatureMetric> run, List<FeatureInputs> spaces) {
        List<MetricValue> values = new ArrayList<>();
        for (FeatureInputs space : spaces) {
            for (FeatureMetric metric : run) {
                values.addAll(metric.compute(space));
            }
        }
        return values;
    }

    private List<NearestNeighbours.Space> nearestTrainingImages(PixelInputs pixels, List<FeatureInputs> spaces) {
        List<NearestNeighbours.Space> found = new ArrayList<>();
        found.add(neighbours.nearest(MetricNames.PIXELS, pixels.memorisationQueries().toUnitInterval().asFeatures(),
                pixels.memorisation().training().toUnitInterval().asFeatures(), pixels.samples(),
                pixels.memorisation().training()));
        for (FeatureInputs space : spaces) {
            found.add(neighbours.nearest(space.extractor(), space.memorisationQueries(), space.training(),
                    pixels.samples(), pixels.memorisation().training()));
        }
        return found;
    }
}
