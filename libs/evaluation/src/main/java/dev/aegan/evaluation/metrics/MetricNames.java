package dev.aegan.evaluation.metrics;

/**
 * The published metric names. Pixel metrics carry no suffix and the extractor {@value #PIXELS};
 * feature metrics are {@code <name>@<extractor>}. Meaning, direction and reference implementation
 * of each are in the README's metrics-service section.
 */
public final class MetricNames {
    public static final String PIXELS = "pixels";

    public static final String RECONSTRUCTION_MSE = "reconstruction_mse";
    public static final String RECONSTRUCTION_PSNR = "reconstruction_psnr";
    public static final String RECONSTRUCTION_SSIM = "reconstruction_ssim";
    public static final String MS_SSIM_DIVERSITY = "ms_ssim_diversity";
    public static final String PIXEL_MEMORISATION = "pixel_memorisation";

    public static final String FID = "fid";
    public static final String KID_MEAN = "kid_mean";
    public static final String KID_STD = "kid_std";
    public static final String INCEPTION_SCORE_MEAN = "inception_score_mean";
    public static final String INCEPTION_SCORE_STD = "inception_score_std";
    public static final String CLASSIFIER_CONFIDENCE = "classifier_confidence";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String DENSITY = "density";
    public static final String COVERAGE = "coverage";
    public static final String PERCEPTUAL_DISTANCE = "perceptual_distance";
    public static final String FEATURE_MEMORISATION = "feature_memorisation";
    public static final String CLASSIFIER_ACCURACY = "classifier_accuracy";

    private MetricNames() {
    }

    /** {@code metric@extractor}. */
    public static String of(String metric, String extractor) {
        return metric + "@" + extractor;
    }
}
