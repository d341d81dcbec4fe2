package dev.aegan.models.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.OwnedArrays;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A reproducible stream of random numbers, drawn on the Java side and copied into tensors.
 *
 * <p>Why not torch's generator: {@code Engine.setRandomSeed} sets one process-wide generator, so
 * two runs training in the same JVM would disturb each other, and its draws differ between CPU and
 * CUDA. A stream here is a pure function of its keys (for training: seed, step, phase), so a
 * resumed run draws exactly what the uninterrupted run drew, on any device and in any thread.
 * {@link SplittableRandom}'s algorithm is specified, and the Gaussian transform uses
 * {@link StrictMath}, so the numbers do not change between JVMs either.
 *
 * <p>Not thread-safe: one stream per thread of use.
 */
public final class RandomStream {

    private static final double TWO_PI = 2.0 * Math.PI;

    private final long key;
    private final SplittableRandom random;

    private RandomStream(long key) {
        this.key = key;
        this.random = new SplittableRandom(key);
    }

    /** The stream identified by the given keys, e.g. {@code of(seed, step, phaseIndex)}. */
    public static RandomStream of(long... keys) {
        long h = 0x6A09E667F3BCC909L;
        for (long k : keys) {
            h = mix(h ^ mix(k + 0x9E3779B97F4A7C15L));
        }
        return new RandomStream(h);
    }

    /** An independent stream named by {@code label} under this stream's key (not by its position). */
    public RandomStream child(String label) {
        long h = key;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xFF));
        }
        return new RandomStream(mix(h ^ label.length()));
    }

    /** An independent stream named by {@code index} under this stream's key. */
    public RandomStream child(long index) {
        return new RandomStream(mix(key ^ mix(index + 0xBB67AE8584CAA73BL)));
    }

    public double nextDouble() {
        return random.nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates), drawn from this stream. */
    public int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    public long nextLong() {
        return random.nextLong();
    }

    /** Standard normal values, Box-Muller on pairs of uniforms. */
    public float[] normal(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i += 2) {
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            values[i] = (float) (r * StrictMath.cos(TWO_PI * u2));
            if (i + 1 < count) {
                values[i + 1] = (float) (r * StrictMath.sin(TWO_PI * u2));
            }
        }
        return values;
    }

    /** Uniform values in [low, high). */
    public float[] uniform(int count, double low, double high) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (low + (high - low) * random.nextDouble());
        }
        return values;
    }

    /** A float32 tensor of standard normal values on {@code manager}'s device. */
    public NDArray normal(NDManager manager, Shape shape) {
        return OwnedArrays.of(manager, normal(Math.toIntExact(shape.size())), shape);
    }

    /** A float32 tensor of uniform values in [low, high) on {@code manager}'s device. */
    public NDArray uniform(NDManager manager, Shape shape, double low, double high) {
        return OwnedArrays.of(manager, uniform(Math.toIntExact(shape.size()), low, high), shape);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
