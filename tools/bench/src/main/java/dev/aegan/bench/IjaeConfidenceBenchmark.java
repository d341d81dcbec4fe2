package dev.aegan.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.ClassifierConfidence;
import dev.aegan.evaluation.datasets.FashionMnist;
import dev.aegan.evaluation.features.ClassifierTrainer;
import dev.aegan.evaluation.features.ClassifierTraining;
import dev.aegan.evaluation.features.DatasetClassifier;
import dev.aegan.evaluation.features.FeatureExtraction;
import dev.aegan.evaluation.images.Images;
import dev.aegan.evaluation.images.SampleDrawing;
import dev.aegan.evaluation.metrics.EvaluationSettings;
import dev.aegan.evaluation.metrics.ReconstructionMetrics;
import dev.aegan.local.LocalRunSpec;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many training steps {@code ./run-local}'s lambda-IJAE run ({@link LocalRunSpec#ijae()}, or the
 * width, learning rate and batch given; {@code --model} trains another family, e.g. an ablation, with the same settings) needs before its samples' {@code classifier_confidence}
 * under Fashion-MNIST's classifier (metrics-service's, same training budget) reaches the target:
 * trains in this JVM, scores {@code --samples} held-out images first (what samples like the data would reach), then
 * as many samples every {@code --every} steps, and prints the curve (with the {@code reconstruction_mse} of as many held-out images, to see the encoder learn too), the step and training seconds at which the target was first reached, and exits 1 if it
 * was not within {@code --steps}. The classifier is kept in {@code --classifier} (a file) for the
 * next run; delete it after changing the classifier's training. Seconds count training only (not the scoring), so on a quiet
 * machine they say how soon the run shows it learning; steps do not depend on the machine's load.
 */
final class IjaeConfidenceBenchmark {

    private static final int FASHION_MNIST_CLASSES = 10;

    private IjaeConfidenceBenchmark() {
    }

    static void run(BenchOptions options) {
        options.requireOnly("threads", "channels", "learning-rate", "batch", "steps", "every", "samples", "target",
                "classifier-steps", "classifier", "seed", "hyperparameters", "model");
        String family = options.text("model", LocalRunSpec.IJAE);
        LocalRunSpec spec = LocalRunSpec.ijae();
        int threads = options.integer("threads", 2);
        int channels = options.integer("channels", ((Number) spec.hyperparameters().get("channels")).intValue());
        double learningRate = Double.parseDouble(options.text("learning-rate",
                spec.hyperparameters().get("learningRate").toString()));
        int batch = options.integer("batch", spec.batchSize());
        int steps = options.integer("steps", 1500);
        int every = options.integer("every", spec.checkpointEvery());
        int samples = options.integer("samples", 1000);
        double target = Double.parseDouble(options.text("target", "0.7"));
        int seed = options.integer("seed", LocalRunSpec.SEED);
        InProcessStep.useThreads(threads);

        ImageShape shape = new ImageShape(1, 28, 28);
        DatasetImages training = FashionMnist.training("fashion-mnist", Split.TRAIN, 0, 60_000);
        DatasetImages heldOut = FashionMnist.test("fashion-mnist", Split.HELDOUT, 10_000);
        EvaluationSettings settings = EvaluationSettings.defaults();
        Map<String, Object> hyperparameters = new LinkedHashMap<>(spec.hyperparameters());
        hyperparameters.put("channels", channels);
        hyperparameters.put("learningRate", learningRate);
        hyperparameters.putAll(hyperparameterList(options.text("hyperparameters", "")));
        System.out.printf("%s %s, batch %d, seed %d; %d threads, %d cores, load %.1f%n",
                family, hyperparameters, batch, seed, threads, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        DatasetClassifier scorer = classifier(Path.of(options.text("classifier",
                "tools/bench/target/fashion-mnist-classifier.params")), shape, training, heldOut,
                options.integer("classifier-steps", ClassifierTraining.DEFAULT_STEPS), settings.batchSize());

        TrainingBatches batches = new TrainingBatches(training, batch);
        SampleDrawing drawing = new SampleDrawing(settings.batchSize());
        Images originals = Images.firstOf(heldOut, samples);
        byte[] originalPixels = heldOut.pixelsOf(0, samples);
        FeatureExtraction extraction = new FeatureExtraction(settings.batchSize());
        try (DatasetClassifier classifier = scorer;
             GenerativeModel model = ModelRegistry.family(family).create(shape, hyperparameters, Device.cpu());
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            System.out.printf("classifier_confidence of %d held-out images (what samples would score if they looked "
                    + "like the data): %.4f%n", samples,
                    confidence(extraction, classifier, originals));
            model.initialize(seed);
            try (PhaseLoop loop = new PhaseLoop(model, seed)) {
                System.out.println("  step  training s  s/step  classifier_confidence  reconstruction_mse");
                double seconds = 0;
                for (int step = 1; step <= steps; step++) {
                    long start = System.nanoTime();
                    try (NDArray x = batches.batch(manager, step - 1, shape)) {
                        loop.step(x);
                    }
                    seconds += (System.nanoTime() - start) / 1e9;
                    if (step % every == 0) {
                        double confidence = confidence(extraction, classifier,
                                drawing.samples(model, RandomStream.of(settings.samplingSeed()), samples));
                        double mse = new ReconstructionMetrics.Accumulator(originals.shape().pixelsPerImage())
                                .add(originalPixels, drawing.reconstructions(model, originals, new int[samples]).values())
                                .result().mse();
                        System.out.printf("  %4d  %10.1f  %6.3f  %21.4f  %18.4f%n", step, seconds, seconds / step,
                                confidence, mse);
                        if (confidence >= target) {
                            System.out.printf("reached %.2f at step %d after %.1f s of training (%.3f s/step, load %.1f)%n",
                                    target, step, seconds, seconds / step,
                                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                            return;
                        }
                    }
                }
            }
        }
        System.out.printf("did not reach %.2f within %d steps%n", target, steps);
        System.exit(1);
    }

    private static double confidence(FeatureExtraction extraction, DatasetClassifier classifier, Images images) {
        return ClassifierConfidence.compute(extraction.extract(classifier, images).probabilities());
    }

    /** {@code latentDim=16,lambda=0.1}: the run spec's hyperparameters as a POST /runs body would give them. */
    private static Map<String, Object> hyperparameterList(String list) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] keyValue = entry.split("=", 2);
            if (keyValue.length != 2) {
                throw new IllegalArgumentException("--hyperparameters takes name=value pairs separated by commas, not "
                        + entry);
            }
            String value = keyValue[1].strip();
            parsed.put(keyValue[0].strip(), value.matches("-?\\d+") ? (Object) Integer.valueOf(value)
                    : value.equals("true") || value.equals("false") ? (Object) Boolean.valueOf(value)
                    : (Object) Double.valueOf(value));
        }
        return parsed;
    }

    /**
     * metrics-service's classifier of Fashion-MNIST (same seeded training): restored from {@code saved}
     * when a previous run wrote it there, else trained and written there.
     */
    private static DatasetClassifier classifier(Path saved, ImageShape shape, DatasetImages training,
                                                DatasetImages heldOut, int steps, int batchSize) {
        String name = DatasetClassifier.nameFor("fashion-mnist");
        try {
            if (Files.isRegularFile(saved)) {
                System.out.println("classifier restored from " + saved);
                return DatasetClassifier.restore(name, shape, FASHION_MNIST_CLASSES, Files.readAllBytes(saved));
            }
            ClassifierTrainer.Trained trained = ClassifierTrainer.train(name, training, heldOut,
                    ClassifierTraining.defaultsWithSteps(steps), batchSize);
            System.out.printf("classifier held-out accuracy %.4f (saved to %s)%n", trained.heldOutAccuracy(), saved);
            Files.createDirectories(saved.toAbsolutePath().getParent());
            Files.write(saved, trained.classifier().parameters());
            return trained.classifier();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
