package dev.aegan.evaluation;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * SSIM (Wang et al., IEEE TIP 2004) and MS-SSIM (Wang, Simoncelli and Bovik, 2003) as
 * pytorch-msssim computes them ({@code VainF/pytorch-msssim}, {@code pytorch_msssim/ssim.py}:
 * {@code _fspecial_gauss_1d}, {@code gaussian_filter}, {@code _ssim}, {@code ssim},
 * {@code ms_ssim}), in double, on images in [0, 1] ({@link UnitIntervalImages}; data range L = 1).
 *
 * <p>SSIM: Gaussian window of {@value #SSIM_WINDOW} taps, sigma {@value #SIGMA} (offsets
 * {@code -5..5}, normalised to sum 1), applied separably and <em>valid</em> (no padding, as
 * pytorch-msssim and skimage's {@code gaussian_weights=True}; a 28 x 28 image gives an 18 x 18 map);
 * {@code C1 = (0.01 L)^2}, {@code C2 = (0.03 L)^2}; local variances as {@code E[x^2] - E[x]^2}
 * (no n/(n-1) correction: pytorch-msssim's compensation is 1); the score of an image is the mean
 * of the map, averaged over channels. It is not clipped at 0.
 *
 * <p>MS-SSIM with scales adapted to small images: the standard 5 scales with an 11-tap window need
 * a side above (11 - 1) 2^4 = 160 pixels (pytorch-msssim asserts it); 28 x 28 and 32 x 32 images
 * have room for 3 halvings of a 7-tap window, (7 - 1) 2^2 = 24 &lt; 28. So here:
 * {@value #MS_SSIM_LEVELS} scales (28, 14, 7 for Fashion-MNIST; 32, 16, 8 for 32 x 32), a
 * {@value #MS_SSIM_WINDOW}-tap Gaussian window with the same sigma {@value #SIGMA} (it keeps the
 * SSIM paper's local-statistics scale; the taps end at 2 sigma instead of 3.3, dropping 1.7% of
 * the sampled Gaussian's mass instead of 0.02% before renormalising), and the first three of
 * Wang et al.'s weights {@code (0.0448, 0.2856, 0.3001)} renormalised to sum 1 (0.071, 0.453,
 * 0.476): like the standard five, they sum to 1, so a pair with the same similarity s at every
 * scale scores s, and the three scales keep their relative importance. As in pytorch-msssim: contrast-structure terms at the finer scales
 * and SSIM at the coarsest, each clipped at 0 (relu) before the weighted geometric mean; 2 x 2
 * average pooling between scales, padding an odd side with one zero on each side that counts in
 * the average ({@code avg_pool2d(padding = s % 2)}). On a 28 x 28 image the coarsest scale is one
 * 7 x 7 window, a global comparison of the thumbnails.
 *
 * <p>Sample diversity (alpha-GAN, Rosca et al. 2017, after Odena et al. 2016): the mean MS-SSIM
 * over random pairs of distinct samples; lower means more diverse. (alpha-GAN reports
 * {@code 1 - MS-SSIM}; compare it with the same score on held-out images, since more diversity than
 * the data has is also a failure.)
 */
public final class StructuralSimilarity {

    public static final int SSIM_WINDOW = 11;
    public static final int MS_SSIM_WINDOW = 7;
    public static final double SIGMA = 1.5;
    public static final int MS_SSIM_LEVELS = 3;
    private static final double[] MS_SSIM_WEIGHTS = normalised(0.0448, 0.2856, 0.3001);
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] SSIM_KERNEL = gaussian(SSIM_WINDOW);
    private static final double[] MS_SSIM_KERNEL = gaussian(MS_SSIM_WINDOW);

    private StructuralSimilarity() {
    }

    /** SSIM of image {@code i} of {@code x} against image {@code j} of {@code y}. */
    public static double ssim(UnitIntervalImages x, int i, UnitIntervalImages y, int j) {
        x.requireSameImageShape(y);
        if (Math.min(x.height(), x.width()) < SSIM_WINDOW) {
            throw new IllegalArgumentException("SSIM with an " + SSIM_WINDOW + "-tap window needs images of at least "
                    + SSIM_WINDOW + " x " + SSIM_WINDOW + ", got " + x.height() + " x " + x.width());
        }
        int h = x.height();
        int w = x.width();
        double sum = 0;
        for (int c = 0; c < x.channels(); c++) {
            sum += ssimAndContrastStructure(plane(x, i, c), plane(y, j, c), h, w, SSIM_KERNEL)[0];
        }
        return sum / x.channels();
    }

    /** MS-SSIM ({@value #MS_SSIM_LEVELS} scales, see the class comment) of image i of x against image j of y. */
    public static double msSsim(UnitIntervalImages x, int i, UnitIntervalImages y, int j) {
        x.requireSameImageShape(y);
        int minimum = (MS_SSIM_WINDOW - 1) * (1 << (MS_SSIM_LEVELS - 1));
        if (Math.min(x.height(), x.width()) <= minimum) {
            throw new IllegalArgumentException("MS-SSIM with " + MS_SSIM_LEVELS + " scales and a " + MS_SSIM_WINDOW
                    + "-tap window needs images larger than " + minimum + " x " + minimum + ", got " + x.height()
                    + " x " + x.width());
        }
        double sum = 0;
        for (int c = 0; c < x.channels(); c++) {
            double[] a = plane(x, i, c);
            double[] b = plane(y, j, c);
            int h = x.height();
            int w = x.width();
            double product = 1;
            for (int level = 0; level < MS_SSIM_LEVELS; level++) {
                double[] scores = ssimAndContrastStructure(a, b, h, w, MS_SSIM_KERNEL);
                boolean coarsest = level == MS_SSIM_LEVELS - 1;
                product *= Math.pow(Math.max(coarsest ? scores[0] : scores[1], 0.0), MS_SSIM_WEIGHTS[level]);
                if (!coarsest) {
                    a = halve(a, h, w);
                    b = halve(b, h, w);
                    h = h / 2 + h % 2;
                    w = w / 2 + w % 2;
                }
            }
            sum += product;
        }
        return sum / x.channels();
    }

    /** SSIM of each original against its reconstruction (image i against image i), mean and spread. */
    public static ScoreWithSpread meanSsim(UnitIntervalImages originals, UnitIntervalImages reconstructions) {
        if (originals.count() != reconstructions.count()) {
            throw new IllegalArgumentException(originals.count() + " originals but " + reconstructions.count()
                    + " reconstructions");
        }
        return ScoreWithSpread.of(IntStream.range(0, originals.count()).parallel()
                .mapToDouble(i -> ssim(originals, i, reconstructions, i)).toArray());
    }

    /**
     * MS-SSIM over {@code pairs} random pairs of distinct samples, drawn with
     * {@code java.util.Random(seed)} (see {@link SeededSampling#distinctPairs}); mean and spread
     * across pairs.
     */
    public static ScoreWithSpread sampleDiversity(UnitIntervalImages samples, int pairs, long seed) {
        if (pairs <= 0) {
            throw new IllegalArgumentException("sample diversity needs at least one pair, got " + pairs);
        }
        int[] drawn = SeededSampling.distinctPairs(samples.count(), pairs, new Random(seed));
        return ScoreWithSpread.of(IntStream.range(0, pairs).parallel()
                .mapToDouble(p -> msSsim(samples, drawn[2 * p], samples, drawn[2 * p + 1])).toArray());
    }

    /** {mean SSIM map, mean contrast-structure map} of two h x w planes under a valid Gaussian filter. */
    private static double[] ssimAndContrastStructure(double[] x, double[] y, int h, int w, double[] kernel) {
        int n = h * w;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int p = 0; p < n; p++) {
            xx[p] = x[p] * x[p];
            yy[p] = y[p] * y[p];
            xy[p] = x[p] * y[p];
        }
        double[] muX = filter(x, h, w, kernel);
        double[] muY = filter(y, h, w, kernel);
        double[] eXX = filter(xx, h, w, kernel);
        double[] eYY = filter(yy, h, w, kernel);
        double[] eXY = filter(xy, h, w, kernel);
        double ssimSum = 0;
        double csSum = 0;
        for (int p = 0; p < muX.length; p++) {
            double varX = eXX[p] - muX[p] * muX[p];
            double varY = eYY[p] - muY[p] * muY[p];
            double cov = eXY[p] - muX[p] * muY[p];
            double cs = (2 * cov + C2) / (varX + varY + C2);
            csSum += cs;
            ssimSum += (2 * muX[p] * muY[p] + C1) / (muX[p] * muX[p] + muY[p] * muY[p] + C1) * cs;
        }
        return new double[] {ssimSum / muX.length, csSum / muX.length};
    }

    /** Valid separable convolution: (h - k + 1) x (w - k + 1), rows first, then columns. */
    private static double[] filter(double[] in, int h, int w, double[] kernel) {
        int k = kernel.length;
        int outW = w - k + 1;
        int outH = h - k + 1;
        double[] rows = new double[h * outW];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < outW; c++) {
                double sum = 0;
                for (int t = 0; t < k; t++) {
                    sum += kernel[t] * in[r * w + c + t];
                }
                rows[r * outW + c] = sum;
            }
        }
        double[] out = new double[outH * outW];
        for (int r = 0; r < outH; r++) {
            for (int c = 0; c < outW; c++) {
                double sum = 0;
                for (int t = 0; t < k; t++) {
                    sum += kernel[t] * rows[(r + t) * outW + c];
                }
                out[r * outW + c] = sum;
            }
        }
        return out;
    }

    /** {@code avg_pool2d(kernel 2, stride 2, padding = side % 2)}, zero padding counted in the mean. */
    private static double[] halve(double[] in, int h, int w) {
        int padH = h % 2;
        int padW = w % 2;
        int outH = h / 2 + padH;
        int outW = w / 2 + padW;
        double[] out = new double[outH * outW];
        for (int r = 0; r < outH; r++) {
            for (int c = 0; c < outW; c++) {
                double sum = 0;
                for (int dr = 0; dr < 2; dr++) {
                    for (int dc = 0; dc < 2; dc++) {
                        int y = 2 * r - padH + dr;
                        int x = 2 * c - padW + dc;
                        if (y >= 0 && y < h && x >= 0 && x < w) {
                            sum += in[y * w + x];
                        }
                    }
                }
                out[r * outW + c] = sum / 4;
            }
        }
        return out;
    }

    private static double[] plane(UnitIntervalImages batch, int image, int channel) {
        int size = batch.height() * batch.width();
        int offset = (image * batch.channels() + channel) * size;
        double[] plane = new double[size];
        for (int p = 0; p < size; p++) {
            plane[p] = batch.values()[offset + p];
        }
        return plane;
    }

    private static double[] gaussian(int taps) {
        double[] g = new double[taps];
        double sum = 0;
        for (int t = 0; t < taps; t++) {
            double offset = t - taps / 2;
            g[t] = Math.exp(-offset * offset / (2 * SIGMA * SIGMA));
            sum += g[t];
        }
        for (int t = 0; t < taps; t++) {
            g[t] /= sum;
        }
        return g;
    }

    private static double[] normalised(double... weights) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] / sum;
        }
        return out;
    }
}
