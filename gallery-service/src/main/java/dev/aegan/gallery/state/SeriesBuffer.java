package dev.aegan.gallery.state;

import dev.aegan.gallery.domain.MetricSeries;

import java.util.Arrays;

/**
 * The points of one loss series in step order, one per step: a step reported again (a trainer
 * resumed from a checkpoint reports the steps after it once more) replaces its value. At most
 * {@code limit} points are kept: past it, every other point is dropped (the newest always kept),
 * so a long run keeps its whole shape at a coarser grain.
 */
final class SeriesBuffer {
    private final int limit;
    private long[] steps = new long[64];
    private double[] values = new double[64];
    private int size;

    SeriesBuffer(int limit) {
        this.limit = Math.max(limit, 2);
    }

    void add(long step, double value) {
        int at = size > 0 && steps[size - 1] < step ? -(size + 1) : Arrays.binarySearch(steps, 0, size, step);
        if (at >= 0) {
            values[at] = value;
            return;
        }
        int insertion = -(at + 1);
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(steps, insertion, steps, insertion + 1, size - insertion);
        System.arraycopy(values, insertion, values, insertion + 1, size - insertion);
        steps[insertion] = step;
        values[insertion] = value;
        size++;
        if (size > limit) {
            thin();
        }
    }

    private void thin() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (i % 2 == 0 || i == size - 1) {
                steps[kept] = steps[i];
                values[kept] = values[i];
                kept++;
            }
        }
        size = kept;
    }

    MetricSeries view(String name) {
        return new MetricSeries(name, Arrays.copyOf(steps, size), Arrays.copyOf(values, size));
    }
}
