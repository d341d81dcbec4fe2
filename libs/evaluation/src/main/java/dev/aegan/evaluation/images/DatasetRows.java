package dev.aegan.evaluation.images;

import dev.aegan.contracts.dataset.DatasetImages;

/**
 * Some rows of a dataset split, kept as its uint8 pixels and converted to {@link Images} a few at a
 * time: a classifier's training set of 60,000 images stays 47 MB instead of 190 MB of floats.
 */
public record DatasetRows(DatasetImages images, int[] rows) {

    public int count() {
        return rows.length;
    }

    /** The images at {@code positions} (indices into {@link #rows}), in that order. */
    public Images select(int[] positions) {
        int[] picked = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            picked[i] = rows[positions[i]];
        }
        return Images.fromDataset(images, picked);
    }
}
