package dev.aegan.contracts.dataset;

import dev.aegan.contracts.Split;

/**
 * Every image of one dataset split read off the batches topic, concatenated in topic order:
 * uint8 pixels N x C x H x W and labels.
 */
public record DatasetImages(String dataset, Split split, int channels, int height, int width,
                            byte[] pixels, int[] labels) {

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return ImageBatch.imageSize(channels, height, width);
    }

    /** The images at {@code rows}, in that order. */
    public DatasetImages rows(int[] rows) {
        int size = imageSize();
        byte[] selected = new byte[rows.length * size];
        int[] selectedLabels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(pixels, rows[i] * size, selected, i * size, size);
            selectedLabels[i] = labels[rows[i]];
        }
        return new DatasetImages(dataset, split, channels, height, width, selected, selectedLabels);
    }

    /** Pixels of images [from, from + n) as one contiguous array. */
    public byte[] pixelsOf(int from, int n) {
        byte[] out = new byte[n * imageSize()];
        System.arraycopy(pixels, from * imageSize(), out, 0, out.length);
        return out;
    }
}
