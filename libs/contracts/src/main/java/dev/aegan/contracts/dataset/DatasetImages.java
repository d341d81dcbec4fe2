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

    /** Pixels of images [from, from + n) as one contiguous array. */
    public byte[] pixelsOf(int from, int n) {
        byte[] out = new byte[n * imageSize()];
        System.arraycopy(pixels, from * imageSize(), out, 0, out.length);
        return out;
    }
}
