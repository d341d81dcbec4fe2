package dev.aegan.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.HeldOutCache;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.datasets.FashionMnist;
import dev.aegan.evaluation.images.Images;
import dev.aegan.evaluation.metrics.Evaluation;
import dev.aegan.evaluation.metrics.ExtractorReference;
import dev.aegan.evaluation.metrics.ModelEvaluator;
import dev.aegan.evaluation.metrics.EvaluationSettings;
import dev.aegan.evaluation.metrics.HeldOutReference;
import dev.aegan.evaluation.metrics.MemorisationBaseline;
import dev.aegan.evaluation.metrics.MetricValue;
import dev.aegan.evaluation.metrics.PixelMemorisationReference;
import dev.aegan.evaluation.metrics.ReconstructedOriginals;
import dev.aegan.evaluation.metrics.StageTimings;
import dev.aegan.evaluation.features.ClassifierTrainer;
import dev.aegan.evaluation.features.ClassifierTraining;
import dev.aegan.evaluation.features.DatasetClassifier;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

/**
 * Times a full evaluation of one Fashion-MNIST checkpoint with the service's defaults
 * ({@link EvaluationSettings#defaults()}): a VAE trained here for a few hundred steps, 10,000
 * samples against the 10,000 test images as the held-out set, every registered metric, one
 * extractor (the dataset's classifier). The stages done once per dataset (classifier training,
 * held-out reference, training features) are timed apart: {@code ./run-bench evaluation [vae steps,
 * 300] [classifier steps, 1500]} on the machine you want figures for (see the README, "Benchmarks").
 */
final class EvaluationBenchmark {

    private EvaluationBenchmark() {
    }

    static void run(String[] args) {
        int vaeSteps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int classifierSteps = args.length > 1 ? Integer.parseInt(args[1]) : ClassifierTraining.DEFAULT_STEPS;
        ImageShape shape = new ImageShape(1, 28, 28);
        DatasetImages training = FashionMnist.training("fashion-mnist", Split.TRAIN, 0, 60_000);
        DatasetImages heldOut = FashionMnist.test("fashion-mnist", Split.HELDOUT, 10_000);
        EvaluationSettings settings = EvaluationSettings.defaults();
        ModelEvaluator evaluator = new ModelEvaluator(settings);
        StageTimings once = new StageTimings();
        System.out.printf("Fashion-MNIST: %d training, %d held-out images; %d cores, load %.1f%n", training.count(),
                heldOut.count(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        try (GenerativeModel model = ModelRegistry.family("vae").create(shape, Map.of(), Device.cpu())) {
            model.initialize(1);
            once.time("VAE training (" + vaeSteps + " steps, batch 64)", () -> train(model, training, vaeSteps));
            ClassifierTrainer.Trained trained = once.time("classifier training (" + classifierSteps + " steps)",
                    () -> ClassifierTrainer.train(DatasetClassifier.nameFor("fashion-mnist"), training, heldOut,
                            ClassifierTraining.defaultsWithSteps(classifierSteps), settings.batchSize()));
            try (DatasetClassifier classifier = trained.classifier()) {
                System.out.printf("classifier held-out accuracy: %.4f on %d images%n", trained.heldOutAccuracy(),
                        trained.heldOutImages());
                HeldOutReference reference = once.time("held-out reference (features, statistics, k-NN radii)",
                        () -> HeldOutReference.of(evaluator.extraction().extract(classifier,
                                Images.fromDataset(heldOut)).features()));
                Images memorisationImages = Images.fromDataset(training).first(10_000);
                FeatureMatrix trainingFeatures = once.time("training features (memorisation)",
                        () -> evaluator.extraction().extract(classifier, memorisationImages).features());
                PixelMemorisationReference memorisation = once.time(
                        "memorisation baselines (train_train, heldout_train; pixels)",
                        () -> PixelMemorisationReference.of(memorisationImages, Images.fromDataset(heldOut),
                                settings.memorisationSamples()));
                MemorisationBaseline featureBaseline = once.time(
                        "memorisation baselines (train_train, heldout_train; features)",
                        () -> MemorisationBaseline.inFeatures(trainingFeatures, reference.features(),
                                settings.memorisationSamples()));
                DatasetImages originals = HeldOutCache.first(heldOut, 1000);
                List<ExtractorReference> references = List.of(new ExtractorReference(classifier, reference,
                        ReconstructedOriginals.firstOf(reference, originals.count()), trainingFeatures,
                        featureBaseline));
                Evaluation first = evaluator.evaluate(model, originals, memorisation, references);
                Evaluation later = evaluator.evaluate(model, originals, memorisation, references);
                for (MetricValue v : later.metrics()) {
                    System.out.printf("  %-44s %12.6f  (%s, n = %d)%n", v.metric(), v.value(), v.extractor(),
                            v.sampleCount());
                }
                print("once per dataset (cached in S3 by the service)", once);
                print("first checkpoint (also forms the held-out KID sums): 10,000 samples, all metrics, one extractor",
                        first.timings());
                print("per later checkpoint: 10,000 samples, all metrics, one extractor", later.timings());
            }
        }
    }

    private static void train(GenerativeModel model, DatasetImages training, int steps) {
        TrainingBatches batches = new TrainingBatches(training, 64);
        try (PhaseLoop loop = new PhaseLoop(model, 1);
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int step = 0; step < steps; step++) {
                try (NDArray batch = batches.batch(manager, step, model.shape())) {
                    loop.step(batch);
                }
            }
        }
    }

    private static void print(String title, StageTimings timings) {
        System.out.println();
        System.out.println(title);
        timings.seconds().forEach((stage, s) -> System.out.printf("  %-60s %8.2f s%n", stage, s));
        System.out.printf("  %-60s %8.2f s%n", "total", timings.total());
    }
}
