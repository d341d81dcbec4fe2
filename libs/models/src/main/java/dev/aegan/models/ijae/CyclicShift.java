package dev.aegan.models.ijae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.core.RandomStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The implicit likelihood's sampler r(y|x) of Section 5: a random cyclic shift of the image.
 *
 * <p>As the paper samples it: (i) one of four directions, equiprobable; (ii) a size s in 0..S
 * (S = {@code maxShift}, the paper: 5) with probability proportional to 1 / (s + 1); (iii) the image
 * rolled by s pixels that way, what leaves one edge entering at the opposite one.
 *
 * <p>Normalisation: the paper prints the probabilities as 1 / ((s + 1) * sum_{i=1..S} 1/(i + 1)),
 * s = 0..S. Those sum to H(S+1) / (H(S+1) - 1) = 1.69 for S = 5 (H the harmonic number), not 1:
 * the printed sum starts one term late. The weights 1 / (s + 1) are unambiguous, so we divide by
 * their own sum, sum_{i=0..S} 1/(i + 1) = H(S+1) (2.45 for S = 5): p(0..5) = 0.408, 0.204, 0.136,
 * 0.102, 0.082, 0.068. Every other normaliser would change the weights' ratios or not normalise.
 * A size of 0 leaves the image as it is (in any direction), so P(y = x) = 0.408.
 */
public final class CyclicShift {

    /** Where the content moves: {@code UP} by s means y[i][j] = x[(i + s) mod H][j]. */
    public enum Direction {
        UP, DOWN, LEFT, RIGHT
    }

    /** One draw: a direction and a size in pixels. */
    public record Shift(Direction direction, int size) {
        public Shift {
            if (size < 0) {
                throw new IllegalArgumentException("shift size must be >= 0, got " + size);
            }
        }

        /** The source position of output pixel (row, column) in an image of height x width. */
        int sourceIndex(int row, int column, int height, int width) {
            int r = row;
            int c = column;
            switch (direction) {
                case UP -> r = Math.floorMod(row + size, height);
                case DOWN -> r = Math.floorMod(row - size, height);
                case LEFT -> c = Math.floorMod(column + size, width);
                case RIGHT -> c = Math.floorMod(column - size, width);
            }
            return r * width + c;
        }
    }

    private final int maxShift;
    private final double[] probabilities;
    private final double[] cumulative;

    public CyclicShift(int maxShift) {
        if (maxShift < 0) {
            throw new IllegalArgumentException("maximum shift must be >= 0, got " + maxShift);
        }
        this.maxShift = maxShift;
        double normaliser = 0;
        for (int i = 0; i <= maxShift; i++) {
            normaliser += 1.0 / (i + 1);
        }
        probabilities = new double[maxShift + 1];
        cumulative = new double[maxShift + 1];
        double sum = 0;
        for (int s = 0; s <= maxShift; s++) {
            probabilities[s] = 1.0 / ((s + 1) * normaliser);
            sum += probabilities[s];
            cumulative[s] = sum;
        }
        cumulative[maxShift] = 1.0;
    }

    public int maxShift() {
        return maxShift;
    }

    /** P(size = s), for s in 0..maxShift. */
    public double probability(int size) {
        return size < 0 || size > maxShift ? 0 : probabilities[size];
    }

    /** One shift: the direction from one uniform integer, then the size by inverting the CDF. */
    public Shift draw(RandomStream random) {
        Direction direction = Direction.values()[random.nextInt(4)];
        double u = random.nextDouble();
        int size = 0;
        while (u >= cumulative[size]) {
            size++;
        }
        return new Shift(direction, size);
    }

    public List<Shift> draw(RandomStream random, int count) {
        List<Shift> shifts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shifts.add(draw(random));
        }
        return shifts;
    }

    /**
     * Each image of {@code images} (N x C x H x W) rolled by its own shift, as one gather on the
     * device. Not meant for tensors that need a gradient (it is applied to data).
     */
    public static NDArray apply(NDArray images, List<Shift> shifts) {
        Shape shape = images.getShape();
        int n = Math.toIntExact(shape.get(0));
        int channels = Math.toIntExact(shape.get(1));
        int height = Math.toIntExact(shape.get(2));
        int width = Math.toIntExact(shape.get(3));
        if (shifts.size() != n) {
            throw new IllegalArgumentException(shifts.size() + " shifts for " + n + " images");
        }
        int plane = height * width;
        long[] source = new long[n * plane];
        for (int k = 0; k < n; k++) {
            Shift shift = shifts.get(k);
            for (int row = 0; row < height; row++) {
                for (int column = 0; column < width; column++) {
                    source[k * plane + row * width + column] = shift.sourceIndex(row, column, height, width);
                }
            }
        }
        NDArray index = OwnedArrays.of(images.getManager(), source, new Shape(n, 1, plane)).repeat(1, channels);
        return images.reshape(n, channels, plane).gather(index, 2).reshape(shape);
    }
}
