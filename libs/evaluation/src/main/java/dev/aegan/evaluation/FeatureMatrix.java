package dev.aegan.evaluation;

/**
 * n samples of d features (or class probabilities), row-major: sample {@code i}'s feature {@code j}
 * is {@code values[i * columns + j]}. The array is shared, not copied; do not change it while a
 * metric reads it.
 */
public record FeatureMatrix(int rows, int columns, double[] values) {

    public FeatureMatrix {
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("a feature matrix needs at least one row and one column, got "
                    + rows + " x " + columns);
        }
        if (values.length != (long) rows * columns) {
            throw new IllegalArgumentException(rows + " x " + columns + " features need " + (long) rows * columns
                    + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("feature " + i % columns + " of sample " + i / columns + " is "
                        + values[i] + "; every value must be finite");
            }
        }
    }

    /** The float32 output of a network (e.g. DJL's {@code NDArray.toFloatArray()}), widened. */
    public static FeatureMatrix ofFloats(int rows, int columns, float[] values) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return new FeatureMatrix(rows, columns, widened);
    }

    public static FeatureMatrix of(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a feature matrix needs at least one row");
        }
        int columns = rows[0].length;
        double[] values = new double[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has "
                        + columns);
            }
            System.arraycopy(rows[i], 0, values, i * columns, columns);
        }
        return new FeatureMatrix(rows.length, columns, values);
    }

    public double get(int row, int column) {
        return values[row * columns + column];
    }

    /** The given rows, in the given order (repeats allowed). */
    public FeatureMatrix select(int[] rowIndices) {
        double[] selected = new double[rowIndices.length * columns];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(values, rowIndices[i] * columns, selected, i * columns, columns);
        }
        return new FeatureMatrix(rowIndices.length, columns, selected);
    }
}
