package dev.aegan.gallery.state;

import dev.aegan.gallery.domain.MetricSeries;

import java.util.Arrays;

/**
 * The points of one loss series, at most {@code limit}: past it, every other point is dropped
 * (the newest always kept), so a long run keeps its whole shape at a coarser grain.
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
        if (size > 0 && steps[size - 1] == step) {
            // the same step seen again (a replayed or resumed step): it replaces, not duplicates
            values[size - 1] = value;
            return;
        }
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        steps[size] = step;
        values[size] = value;
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
