package dev.aegan.models.ijae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.ijae.CyclicShift.Direction;
import dev.aegan.models.ijae.CyclicShift.Shift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CyclicShiftTest {

    /** 1/(s+1) normalised by H(6) = 49/20: the paper's weights with a normaliser that sums to 1. */
    private static final double[] PAPER_S5 = {20 / 49.0, 10 / 49.0, 20 / 147.0, 5 / 49.0, 4 / 49.0, 10 / 147.0};

    @Test
    void sizeProbabilitiesAreTheOnesOverSPlusOneNormalised() {
        CyclicShift shift = new CyclicShift(5);
        double total = 0;
        for (int s = 0; s <= 5; s++) {
            assertEquals(PAPER_S5[s], shift.probability(s), 1e-15, "P(size = " + s + ")");
            assertEquals(1.0 / (s + 1), shift.probability(s) / shift.probability(0), 1e-12, "ratio to P(0)");
            total += shift.probability(s);
        }
        assertEquals(1.0, total, 1e-15);
        assertEquals(0.0, shift.probability(6));
        // The paper's printed normaliser, sum_{i=1..S} 1/(i+1), would give probabilities summing to 1.69.
        double printed = 0;
        for (int i = 1; i <= 5; i++) {
            printed += 1.0 / (i + 1);
        }
        double printedTotal = 0;
        for (int s = 0; s <= 5; s++) {
            printedTotal += 1 / ((s + 1) * printed);
        }
        assertEquals(1.69, printedTotal, 0.005);
        assertEquals(1.0, new CyclicShift(0).probability(0));
    }

    /**
     * 100,000 draws over the 24 (direction, size) cells: Pearson's chi-square against the paper's
     * probabilities (a quarter of P(size) per direction) stays below 49.7, the 0.1% critical value
     * for 23 degrees of freedom, and every cell is within 4 standard errors.
     */
    @Test
    void drawsFollowTheDistribution() {
        CyclicShift shift = new CyclicShift(5);
        RandomStream random = RandomStream.of(2024, 7);
        int draws = 100_000;
        long[][] counts = new long[4][6];
        for (int i = 0; i < draws; i++) {
            Shift s = shift.draw(random);
            counts[s.direction().ordinal()][s.size()]++;
        }
        double chiSquare = 0;
        for (int d = 0; d < 4; d++) {
            for (int s = 0; s <= 5; s++) {
                double p = PAPER_S5[s] / 4;
                double expected = draws * p;
                chiSquare += Math.pow(counts[d][s] - expected, 2) / expected;
                double standardError = Math.sqrt(draws * p * (1 - p));
                assertTrue(Math.abs(counts[d][s] - expected) < 4 * standardError,
                        Direction.values()[d] + " size " + s + ": " + counts[d][s] + " draws, expected " + expected);
            }
        }
        System.out.printf("cyclic shift: chi-square %.2f over 24 cells (100k draws), 0.1%% critical value 49.73%n",
                chiSquare);
        assertTrue(chiSquare < 49.73, "chi-square " + chiSquare + " for counts " + Arrays.deepToString(counts));
    }

    @Test
    void drawsArePureFunctionsOfTheStream() {
        CyclicShift shift = new CyclicShift(5);
        assertEquals(shift.draw(RandomStream.of(1, 2, 3), 50), shift.draw(RandomStream.of(1, 2, 3), 50));
    }

    @Test
    void eachImageRollsCyclicallyInItsDrawnDirection() {
        int channels = 2;
        int height = 5;
        int width = 7;
        List<Shift> shifts = List.of(new Shift(Direction.UP, 2), new Shift(Direction.DOWN, 3),
                new Shift(Direction.LEFT, 1), new Shift(Direction.RIGHT, 6), new Shift(Direction.UP, 0));
        int n = shifts.size();
        float[] values = new float[n * channels * height * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray images = OwnedArrays.of(manager, values, new Shape(n, channels, height, width));
            float[] shifted = CyclicShift.apply(images, shifts).toFloatArray();
            for (int k = 0; k < n; k++) {
                Shift s = shifts.get(k);
                for (int c = 0; c < channels; c++) {
                    for (int row = 0; row < height; row++) {
                        for (int column = 0; column < width; column++) {
                            // Where the content of output pixel (row, column) came from, written per direction.
                            int fromRow = switch (s.direction()) {
                                case UP -> (row + s.size()) % height;
                                case DOWN -> (row - s.size() + height) % height;
                                default -> row;
                            };
                            int fromColumn = switch (s.direction()) {
                                case LEFT -> (column + s.size()) % width;
                                case RIGHT -> (column - s.size() + width) % width;
                                default -> column;
                            };
                            int base = (k * channels + c) * height * width;
                            assertEquals(values[base + fromRow * width + fromColumn],
                                    shifted[base + row * width + column], s + " at " + row + "," + column);
                        }
                    }
                }
            }
            // A marker pixel: UP by 2 moves row 1 to row 4 (wrapping past the top); RIGHT by 6 moves column 3 to 2.
            float[] marker = new float[height * width];
            marker[1 * width + 3] = 1;
            NDArray one = OwnedArrays.of(manager, marker, new Shape(1, 1, height, width));
            assertEquals(4 * width + 3, argMax(CyclicShift.apply(one, List.of(new Shift(Direction.UP, 2))).toFloatArray()));
            assertEquals(1 * width + 2, argMax(CyclicShift.apply(one, List.of(new Shift(Direction.RIGHT, 6))).toFloatArray()));
            assertEquals(1 * width + 4, argMax(CyclicShift.apply(one, List.of(new Shift(Direction.RIGHT, 1))).toFloatArray()));
            assertEquals(3 * width + 3, argMax(CyclicShift.apply(one, List.of(new Shift(Direction.DOWN, 2))).toFloatArray()));
            // Size 0 is the identity; nothing is lost or invented: each image keeps its multiset of values.
            assertArrayEquals(Arrays.copyOfRange(values, 4 * channels * height * width, values.length),
                    Arrays.copyOfRange(shifted, 4 * channels * height * width, shifted.length));
            for (int k = 0; k < n; k++) {
                int size = channels * height * width;
                float[] before = Arrays.copyOfRange(values, k * size, (k + 1) * size);
                float[] after = Arrays.copyOfRange(shifted, k * size, (k + 1) * size);
                Arrays.sort(before);
                Arrays.sort(after);
                assertArrayEquals(before, after);
            }
        }
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void sizesStayWithinTheMaximum() {
        List<Integer> sizes = new ArrayList<>();
        CyclicShift shift = new CyclicShift(2);
        RandomStream random = RandomStream.of(5);
        for (int i = 0; i < 1000; i++) {
            sizes.add(shift.draw(random).size());
        }
        assertTrue(sizes.stream().allMatch(s -> s >= 0 && s <= 2) && sizes.contains(2) && sizes.contains(0));
    }
}
