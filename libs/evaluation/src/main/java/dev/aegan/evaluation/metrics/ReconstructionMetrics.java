package dev.aegan.evaluation.metrics;

/**
 * Pixel-space reconstruction error of a model on held-out images, with the definitions of
 * scikit-image's {@code mean_squared_error} and {@code peak_signal_noise_ratio} at
 * {@code data_range = 1}:
 * <ul>
 *   <li>values are scaled to [0, 1]: originals are {@code uint8 / 255}; reconstructions, which a
 *   model produces in [-1, 1], are {@code (y + 1) / 2} clipped to [0, 1] (a NaN counts as 0, the
 *   black pixel {@code Pixels.toBytes} renders it as);</li>
 *   <li>{@code mse}: the mean squared difference over every value of every image (every image has
 *   as many values, so this is also the mean of the per-image MSEs);</li>
 *   <li>{@code psnrDb}: the mean over images of {@code 10 log10(1 / MSE_i)} (the average of
 *   per-image PSNRs, as image-restoration papers report it; not the PSNR of the mean MSE, which is
 *   never larger). A perfect reconstruction's MSE is floored at {@value #MSE_FLOOR}, so it counts
 *   as {@value #PSNR_CAP_DB} dB instead of infinity and one such image cannot make the mean
 *   infinite.</li>
 * </ul>
 */
public record ReconstructionMetrics(double mse, double psnrDb, int imageCount) {

    public static final double MSE_FLOOR = 1e-10;
    public static final double PSNR_CAP_DB = 100.0;

    /** Sums batches of images as they are reconstructed. */
    public static final class Accumulator {
        private final int valuesPerImage;
        private double squaredErrorSum;
        private double psnrSum;
        private int images;

        public Accumulator(int valuesPerImage) {
            if (valuesPerImage <= 0) {
                throw new IllegalArgumentException("an image must hold at least one value, got " + valuesPerImage);
            }
            this.valuesPerImage = valuesPerImage;
        }

        /**
         * @param originals       uint8 pixels of n images, N x C x H x W
         * @param reconstructions the model's output for them, same layout, nominally in [-1, 1]
         */
        public Accumulator add(byte[] originals, float[] reconstructions) {
            if (originals.length != reconstructions.length || originals.length % valuesPerImage != 0) {
                throw new IllegalArgumentException(originals.length + " original values and " + reconstructions.length
                        + " reconstructed values are not the same whole number of images of " + valuesPerImage);
            }
            for (int start = 0; start < originals.length; start += valuesPerImage) {
                double sum = 0;
                for (int i = start; i < start + valuesPerImage; i++) {
                    double diff = (originals[i] & 0xFF) / 255.0 - unit(reconstructions[i]);
                    sum += diff * diff;
                }
                double imageMse = sum / valuesPerImage;
                squaredErrorSum += sum;
                psnrSum += 10.0 * Math.log10(1.0 / Math.max(imageMse, MSE_FLOOR));
                images++;
            }
            return this;
        }

        public ReconstructionMetrics result() {
            if (images == 0) {
                throw new IllegalStateException("no image was added");
            }
            return new ReconstructionMetrics(squaredErrorSum / ((double) images * valuesPerImage), psnrSum / images,
                    images);
        }

        private static double unit(float y) {
            if (Float.isNaN(y)) {
                return 0.0;
            }
            return Math.min(1.0, Math.max(0.0, ((double) y + 1.0) / 2.0));
        }
    }
}
