package dev.aegan.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * FlexAE's memorisation scores (Mondal et al., UAI 2021, Section 4.2.3 "Quantitative Comparison",
 * Table 4; {@code papers/002_*.txt}) and the nearest training neighbours of a few samples (its
 * Figure 5d/e). The paper has no code for them; our reading of its definition:
 *
 * <blockquote>"Given two sets of images A and B, PMS computes the average L2 distance in the pixel
 * space of all 1-nearest neighbours of images in the set A from those in the set B. IMS is a
 * similar distance metric in the inception feature space."</blockquote>
 *
 * <ul>
 *   <li>{@code PMS(A, B) = 1/|A| sum_{a in A} min_{b in B} |a - b|_2}: for every image of A its
 *   nearest image of B, the plain (not squared) Euclidean distance between the flattened pixel
 *   vectors, averaged over A. Directional: A is the set being judged (generated samples, "Gen"),
 *   B the set it might have copied (training images, "Tr").</li>
 *   <li>{@code IMS(A, B)}: the same on feature vectors (Inception pool3 in the paper; whatever
 *   extractor the caller uses, which the metric name must say).</li>
 *   <li>Pixel scale: values in [0, 1] ({@link UnitIntervalImages}). The paper does not state it; its
 *   Table 4 does: Fashion-MNIST PMS(Tr, Tr) = 4.01 and PMS(Tr, Te) = 4.01, and on Debian's
 *   Fashion-MNIST two disjoint 10k training subsets give 4.03, training against test 4.03 with
 *   [0, 1] pixels (with [0, 255] they would be ~1030, with squared distances ~17.7).</li>
 * </ul>
 * Reading: a score of generated samples against the training set well below the same score of
 * held-out (or a disjoint training subset) against the training set means the model reproduces
 * training images. Pitfall: a reference score "Tr-Tr" needs two disjoint training subsets (the
 * paper's "two non-overlapping sets of 10k"); with overlap the shared images score 0. We take the
 * leave-one-out reading instead ({@link #featureScoreWithoutSelf}): each of the first training images
 * against all the others, its own match excluded (a duplicate at another index still scores 0, as it
 * should).
 *
 * <p>All pairwise distances are exact (no approximate search); see {@link PairwiseDistances}.
 */
public final class MemorisationScores {

    /** A training sample ({@code index} into the searched set) at {@code distance} from a query. */
    public record Neighbour(int index, double distance) {
    }

    private MemorisationScores() {
    }

    /** PMS(A, B): mean distance from each image of {@code a} to its nearest image of {@code b}, pixels in [0, 1]. */
    public static double pixelScore(UnitIntervalImages a, UnitIntervalImages b) {
        a.requireSameImageShape(b);
        return meanNearestDistance(a.asFeatures(), b.asFeatures());
    }

    /** IMS(A, B): mean distance from each feature vector of {@code a} to its nearest one in {@code b}. */
    public static double featureScore(FeatureMatrix a, FeatureMatrix b) {
        return meanNearestDistance(a, b);
    }

    /** PMS(A, A \ a): the first {@code queries} images of {@code a} against all of {@code a} but themselves. */
    public static double pixelScoreWithoutSelf(UnitIntervalImages a, int queries) {
        return featureScoreWithoutSelf(a.asFeatures(), queries);
    }

    /** IMS(A, A \ a): the first {@code queries} rows of {@code a} against all of {@code a} but themselves. */
    public static double featureScoreWithoutSelf(FeatureMatrix a, int queries) {
        if (queries <= 0 || queries > a.rows() || a.rows() < 2) {
            throw new IllegalArgumentException("cannot match the first " + queries + " of " + a.rows()
                    + " samples against the others");
        }
        double[] nearest = new double[queries];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        PairwiseDistances.scan(a.select(IntStream.range(0, queries).toArray()), a,
                () -> (firstRow, rowCount, firstColumn, columnCount, block) -> {
                    for (int r = 0; r < rowCount; r++) {
                        int row = firstRow + r;
                        for (int c = 0; c < columnCount; c++) {
                            if (firstColumn + c != row) {
                                nearest[row] = Math.min(nearest[row], block[r * columnCount + c]);
                            }
                        }
                    }
                });
        return meanRoot(nearest);
    }

    /**
     * The {@code count} nearest rows of {@code training} to each row of {@code queries}, nearest
     * first (ties: lower index first). Pixel space: pass {@link UnitIntervalImages#asFeatures()} of both.
     */
    public static List<List<Neighbour>> nearestNeighbours(FeatureMatrix queries, FeatureMatrix training, int count) {
        if (count <= 0 || count > training.rows()) {
            throw new IllegalArgumentException("cannot return " + count + " neighbours out of " + training.rows()
                    + " training samples");
        }
        int[] indices = new int[queries.rows() * count];
        double[] squared = new double[queries.rows() * count];
        Arrays.fill(squared, Double.POSITIVE_INFINITY);
        PairwiseDistances.scan(queries, training, () -> (firstRow, rowCount, firstColumn, columnCount, block) -> {
            for (int r = 0; r < rowCount; r++) {
                int base = (firstRow + r) * count;
                for (int c = 0; c < columnCount; c++) {
                    double value = block[r * columnCount + c];
                    if (value < squared[base + count - 1]) {
                        int at = base + count - 1;
                        while (at > base && squared[at - 1] > value) {
                            squared[at] = squared[at - 1];
                            indices[at] = indices[at - 1];
                            at--;
                        }
                        squared[at] = value;
                        indices[at] = firstColumn + c;
                    }
                }
            }
        });
        List<List<Neighbour>> result = new ArrayList<>(queries.rows());
        for (int q = 0; q < queries.rows(); q++) {
            List<Neighbour> neighbours = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                neighbours.add(new Neighbour(indices[q * count + k], Math.sqrt(squared[q * count + k])));
            }
            result.add(List.copyOf(neighbours));
        }
        return List.copyOf(result);
    }

    private static double meanNearestDistance(FeatureMatrix a, FeatureMatrix b) {
        double[] nearest = new double[a.rows()];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        PairwiseDistances.scanTensors(a, b, (firstRow, firstColumn, squared) -> {
            double[] blockNearest = squared.min(new int[] {1}).toDoubleArray();
            for (int r = 0; r < blockNearest.length; r++) {
                nearest[firstRow + r] = Math.min(nearest[firstRow + r], blockNearest[r]);
            }
        });
        return meanRoot(nearest);
    }

    private static double meanRoot(double[] squared) {
        double sum = 0;
        for (double s : squared) {
            sum += Math.sqrt(s);
        }
        return sum / squared.length;
    }
}
