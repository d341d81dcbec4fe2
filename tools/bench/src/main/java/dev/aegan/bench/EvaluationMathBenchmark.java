package dev.aegan.bench;

import dev.aegan.evaluation.DistributionPrecisionRecall;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.FeatureStatistics;
import dev.aegan.evaluation.FrechetDistance;
import dev.aegan.evaluation.UnitIntervalImages;
import dev.aegan.evaluation.InceptionScore;
import dev.aegan.evaluation.KernelInceptionDistance;
import dev.aegan.evaluation.ManifoldComparison;
import dev.aegan.evaluation.ManifoldEstimate;
import dev.aegan.evaluation.MemorisationScores;
import dev.aegan.evaluation.ScoreWithSpread;
import dev.aegan.evaluation.StructuralSimilarity;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times every metric at the size of one Fashion-MNIST checkpoint evaluation: 10,000 held-out and
 * 10,000 generated samples, synthetic Gaussian features of d = 128 (default), 10 class
 * probabilities, 28 x 28 grayscale images; 10,000 training images and features for the
 * memorisation scores; 5,000 MS-SSIM pairs: {@code ./run-bench evaluation-math --dimension 128
 * --samples 10000}.
 *
 * With a dimension of 2048 (Inception pool3) it times only the FID stages, the ones that grow with
 * d cubed.
 */
final class EvaluationMathBenchmark {

    private static final int PAIRS = 5000;
    private static final int NEIGHBOURS = 4;
    private static final int QUERIES = 8;
    private static final String ONCE_PER_DATASET = "once per dataset";

    private final Map<String, double[]> seconds = new LinkedHashMap<>();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static void run(BenchOptions options) {
        options.requireOnly("dimension", "samples");
        new EvaluationMathBenchmark().run(options.integer("dimension", 128), options.integer("samples", 10_000));
    }

    private void run(int d, int n) {
        Random random = new Random(7);
        FeatureMatrix heldOut = gaussian(n, d, 0.0, 1.0, random);
        FeatureMatrix generated = gaussian(n, d, 0.1, 1.2, random);
        System.out.printf("%d held-out and %d generated samples, d = %d, %d cores%n", n, n, d,
                Runtime.getRuntime().availableProcessors());

        FeatureStatistics heldOutStats = time("FID: held-out statistics (" + ONCE_PER_DATASET + ")",
                () -> FeatureStatistics.of(heldOut));
        FrechetDistance fid = time("FID: decompose held-out covariance (" + ONCE_PER_DATASET + ")",
                () -> FrechetDistance.against(heldOutStats));
        FeatureStatistics generatedStats = time("FID: generated statistics", () -> FeatureStatistics.of(generated));
        double fidValue = time("FID: distance", () -> fid.to(generatedStats));
        System.out.printf("  FID = %.4f%n", fidValue);
        if (d > 512) {
            print();
            return;
        }
        KernelInceptionDistance.Reference kidReference = new KernelInceptionDistance.Reference(heldOut);
        Supplier<ScoreWithSpread> kidAgainstReference = () -> KernelInceptionDistance.compute(kidReference, generated,
                KernelInceptionDistance.DEFAULT_SUBSETS, KernelInceptionDistance.DEFAULT_SUBSET_SIZE,
                KernelInceptionDistance.DEFAULT_SEED);
        time("KID: first comparison, also forms the held-out within-set sums (" + ONCE_PER_DATASET + ")",
                kidAgainstReference);
        var kid = time("KID: 100 subsets of 1000", kidAgainstReference);
        System.out.printf("  KID = %.6f +- %.6f%n", kid.mean(), kid.std());
        FeatureMatrix probabilities = softmax(gaussian(n, 10, 0.0, 3.0, random));
        var is = time("IS: 10 splits", () -> InceptionScore.compute(probabilities));
        System.out.printf("  IS = %.4f +- %.4f%n", is.mean(), is.std());
        ManifoldEstimate realManifold = time("k-NN radii of held-out (" + ONCE_PER_DATASET + ")",
                () -> ManifoldEstimate.of(heldOut));
        ManifoldEstimate fakeManifold = time("k-NN radii of generated", () -> ManifoldEstimate.of(generated));
        var manifolds = time("precision/recall (k = 3) and density/coverage (k = 5), one scan",
                () -> ManifoldComparison.of(realManifold, fakeManifold));
        System.out.printf("  precision = %.4f, recall = %.4f, density = %.4f, coverage = %.4f%n",
                manifolds.precisionRecall().precision(), manifolds.precisionRecall().recall(),
                manifolds.densityCoverage().density(), manifolds.densityCoverage().coverage());

        var prd = time("PRD: " + DistributionPrecisionRecall.RUNS + " k-means clusterings of both sets",
                () -> DistributionPrecisionRecall.compute(generated, heldOut, 2020));
        System.out.printf("  PRD F8 = %.4f, F1/8 = %.4f%n", prd.f8(), prd.f1over8());

        UnitIntervalImages originals = images(n, random);
        UnitIntervalImages reconstructions = images(n, random);
        UnitIntervalImages training = images(n, random);
        var ssim = time("SSIM: 10,000 reconstructions", () -> StructuralSimilarity.meanSsim(originals,
                reconstructions));
        System.out.printf("  SSIM = %.4f%n", ssim.mean());
        var diversity = time("MS-SSIM diversity: " + PAIRS + " pairs",
                () -> StructuralSimilarity.sampleDiversity(reconstructions, PAIRS, 1));
        System.out.printf("  MS-SSIM = %.4f%n", diversity.mean());
        double pms = time("PMS: 10,000 x 10,000 images, 784 pixels",
                () -> MemorisationScores.pixelScore(reconstructions, training));
        FeatureMatrix trainingFeatures = gaussian(n, d, 0.0, 1.0, random);
        double ims = time("IMS: 10,000 x 10,000 features", () -> MemorisationScores.featureScore(generated,
                trainingFeatures));
        System.out.printf("  PMS = %.4f, IMS = %.4f%n", pms, ims);
        int[] queries = new int[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = q;
        }
        FeatureMatrix trainingPixels = training.asFeatures();
        time("nearest training neighbours of " + QUERIES + " samples (pixels + features)", () -> {
            MemorisationScores.nearestNeighbours(reconstructions.asFeatures().select(queries), trainingPixels,
                    NEIGHBOURS);
            return MemorisationScores.nearestNeighbours(generated.select(queries), trainingFeatures, NEIGHBOURS);
        });
        print();
    }

    private <T> T time(String stage, Supplier<T> work) {
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        T result = work.get();
        seconds.put(stage, new double[] {(System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9});
        return result;
    }

    /** Wall seconds, and CPU seconds of this process (all threads): on a shared machine the second is the steadier. */
    private void print() {
        System.out.println();
        System.out.printf("%-72s %8s %8s%n", "stage", "wall s", "CPU s");
        double[] total = new double[2];
        double[] perCheckpoint = new double[2];
        for (var e : seconds.entrySet()) {
            System.out.printf("%-72s %8.2f %8.2f%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
            for (int i = 0; i < 2; i++) {
                total[i] += e.getValue()[i];
                if (!e.getKey().contains(ONCE_PER_DATASET)) {
                    perCheckpoint[i] += e.getValue()[i];
                }
            }
        }
        System.out.printf("%-72s %8.2f %8.2f%n", "total", total[0], total[1]);
        System.out.printf("%-72s %8.2f %8.2f%n", "per checkpoint (without the stages " + ONCE_PER_DATASET + ")",
                perCheckpoint[0], perCheckpoint[1]);
        System.out.printf("load average at the end: %.2f on %d cores%n", os.getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static FeatureMatrix gaussian(int n, int d, double mean, double std, Random random) {
        double[] values = new double[n * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + std * random.nextGaussian();
        }
        return new FeatureMatrix(n, d, values);
    }

    private static FeatureMatrix softmax(FeatureMatrix logits) {
        int c = logits.columns();
        double[] p = new double[logits.values().length];
        for (int i = 0; i < logits.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                max = Math.max(max, logits.values()[i * c + k]);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                p[i * c + k] = Math.exp(logits.values()[i * c + k] - max);
                sum += p[i * c + k];
            }
            for (int k = 0; k < c; k++) {
                p[i * c + k] /= sum;
            }
        }
        return new FeatureMatrix(logits.rows(), c, p);
    }

    private static UnitIntervalImages images(int n, Random random) {
        float[] values = new float[n * 28 * 28];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return new UnitIntervalImages(n, 1, 28, 28, values);
    }
}
