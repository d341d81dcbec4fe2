package dev.aegan.evaluation;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Precision and recall for distributions (PRD; Sajjadi et al., "Assessing Generative Models via
 * Precision and Recall", NeurIPS 2018), summarised by F_8 (recall-weighted: does the model cover the
 * data?) and F_1/8 (precision-weighted: does what it draws look like data?), as FlexAE's Table 2
 * reports them. Follows the authors' {@code prd_score.py} ({@code compute_prd_from_embedding},
 * {@code compute_prd}, {@code prd_to_max_f_beta_pair}): both feature sets, the larger cut to the
 * smaller's size ({@code enforce_balance}), are clustered together into {@value #CLUSTERS} clusters; each
 * set's cluster histogram gives a PRD curve at {@value #ANGLES} angles; the curves of {@value #RUNS}
 * clusterings are averaged and F_beta is the largest over the curve. Fewer than {@value #CLUSTERS}
 * samples in all get as many clusters as samples.
 *
 * <p>Pitfalls: this is not Kynkäänniemi et al.'s improved precision/recall ({@link PrecisionRecall},
 * published as {@code precision}/{@code recall}); the two disagree by design. The authors cluster with
 * scikit-learn's MiniBatchKMeans (unseeded, so their numbers vary run to run); we use seeded, exact
 * {@link KMeans} (run r seeded with {@code seed + r}), so a checkpoint's value is reproducible but not
 * bit-comparable to numbers from prd_score.py. Values depend on the set size: compare at equal
 * {@code sampleCount}.
 */
public final class DistributionPrecisionRecall {
    public static final int CLUSTERS = 20;
    public static final int ANGLES = 1001;
    public static final int RUNS = 10;
    public static final int MAX_ITERATIONS = 25;
    private static final double EPSILON = 1e-10;
    private static final double BETA = 8;

    /** F_8 and F_1/8 of the averaged PRD curve, and how many samples of each set were clustered. */
    public record Result(double f8, double f1over8, int samplesPerSet) {
    }

    private DistributionPrecisionRecall() {
    }

    /** PRD of {@code generated} against {@code reference} (prd_score's eval and ref data). */
    public static Result compute(FeatureMatrix generated, FeatureMatrix reference, long seed) {
        int n = Math.min(generated.rows(), reference.rows());
        FeatureMatrix joint = stacked(generated, reference, n);
        int clusters = Math.min(CLUSTERS, joint.rows());
        int[][] runs = new int[RUNS][];
        try (KMeans kMeans = new KMeans(joint)) {
            for (int run = 0; run < RUNS; run++) {
                runs[run] = kMeans.cluster(clusters, new Random(seed + run), MAX_ITERATIONS);
            }
        }
        return fromClusters(runs, n, clusters);
    }

    /**
     * F_8 and F_1/8 from the cluster labels of each clustering of the joint set: the first {@code n}
     * labels the generated samples', the next {@code n} the reference's.
     */
    static Result fromClusters(int[][] runs, int n, int clusters) {
        double[] slopes = slopes();
        double[] precision = new double[ANGLES];
        double[] recall = new double[ANGLES];
        for (int[] labels : runs) {
            double[] generatedBins = histogram(labels, 0, n, clusters);
            double[] referenceBins = histogram(labels, n, n, clusters);
            for (int a = 0; a < ANGLES; a++) {
                double p = 0;
                for (int c = 0; c < clusters; c++) {
                    p += Math.min(referenceBins[c] * slopes[a], generatedBins[c]);
                }
                double r = p / slopes[a];
                if (Math.max(p, r) > 1.001) {
                    throw new IllegalStateException("a PRD value of " + Math.max(p, r) + " exceeds 1");
                }
                precision[a] += clip(p) / runs.length;
                recall[a] += clip(r) / runs.length;
            }
        }
        double f8 = 0;
        double f1over8 = 0;
        for (int a = 0; a < ANGLES; a++) {
            f8 = Math.max(f8, fBeta(precision[a], recall[a]));
            f1over8 = Math.max(f1over8, fBeta(recall[a], precision[a]));
        }
        return new Result(f8, f1over8, n);
    }

    /** tan of numpy's {@code linspace(eps, pi/2 - eps, ANGLES)} (start + i step, the last exactly the end). */
    private static double[] slopes() {
        double start = EPSILON;
        double stop = Math.PI / 2 - EPSILON;
        double step = (stop - start) / (ANGLES - 1);
        double[] slopes = new double[ANGLES];
        for (int a = 0; a < ANGLES; a++) {
            slopes[a] = Math.tan(a == ANGLES - 1 ? stop : a * step + start);
        }
        return slopes;
    }

    /** numpy's {@code histogram(labels, bins=clusters, range=[0, clusters], density=True)}: shares of unit-width bins. */
    private static double[] histogram(int[] labels, int from, int count, int clusters) {
        double[] bins = new double[clusters];
        for (int i = from; i < from + count; i++) {
            bins[labels[i]]++;
        }
        for (int c = 0; c < clusters; c++) {
            bins[c] /= count;
        }
        return bins;
    }

    /** prd_score's {@code _prd_to_f_beta} with beta 8. */
    private static double fBeta(double precision, double recall) {
        return (1 + BETA * BETA) * (precision * recall) / (BETA * BETA * precision + recall + EPSILON);
    }

    private static double clip(double value) {
        return Math.min(1, Math.max(0, value));
    }

    private static FeatureMatrix stacked(FeatureMatrix first, FeatureMatrix second, int n) {
        int[] rows = IntStream.range(0, n).toArray();
        double[] values = new double[2 * n * first.columns()];
        System.arraycopy(first.select(rows).values(), 0, values, 0, n * first.columns());
        System.arraycopy(second.select(rows).values(), 0, values, n * first.columns(), n * first.columns());
        return new FeatureMatrix(2 * n, first.columns(), values);
    }
}
