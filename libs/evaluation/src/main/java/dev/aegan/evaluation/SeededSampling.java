package dev.aegan.evaluation;

import java.util.Arrays;
import java.util.Random;

/**
 * The random draws of the metrics, from {@code java.util.Random}, whose algorithm its Javadoc fixes
 * (a 48-bit linear congruential generator and the exact rejection loop of {@code nextInt(bound)}).
 * That lets {@code evaluation_reference.py} reproduce every draw and check KID subsets, Inception
 * Score splits and MS-SSIM pairs against the same samples.
 */
final class SeededSampling {

    private SeededSampling() {
    }

    /**
     * {@code count} distinct indices of {@code 0 .. n - 1}, in draw order: the first {@code count}
     * steps of a Fisher-Yates shuffle that swaps position i with {@code i + nextInt(n - i)}.
     */
    static int[] withoutReplacement(int n, int count, Random random) {
        if (count > n) {
            throw new IllegalArgumentException("cannot draw " + count + " distinct samples from " + n);
        }
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return Arrays.copyOf(indices, count);
    }

    /** A permutation of {@code 0 .. n - 1}. */
    static int[] permutation(int n, Random random) {
        return withoutReplacement(n, n, random);
    }

    /**
     * {@code count} pairs of distinct indices of {@code 0 .. n - 1}, {@code pairs[2p], pairs[2p+1]}:
     * {@code i = nextInt(n)}, then {@code j = nextInt(n - 1)}, incremented when {@code j >= i}.
     */
    static int[] distinctPairs(int n, int count, Random random) {
        if (n < 2) {
            throw new IllegalArgumentException("pairs of distinct samples need at least 2 samples, got " + n);
        }
        int[] pairs = new int[2 * count];
        for (int p = 0; p < count; p++) {
            int i = random.nextInt(n);
            int j = random.nextInt(n - 1);
            pairs[2 * p] = i;
            pairs[2 * p + 1] = j >= i ? j + 1 : j;
        }
        return pairs;
    }
}
