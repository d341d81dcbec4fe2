package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.frontier.Direction;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The published metric names. Pixel metrics carry no suffix and the extractor {@value #PIXELS};
 * feature metrics are {@code <name>@<extractor>}. Meaning and reference implementation of each are
 * in the README's metrics-service section; which way each improves is {@link #direction}.
 */
public final class MetricNames {
    public static final String PIXELS = "pixels";

    public static final String RECONSTRUCTION_MSE = "reconstruction_mse";
    public static final String RECONSTRUCTION_PSNR = "reconstruction_psnr";
    public static final String RECONSTRUCTION_SSIM = "reconstruction_ssim";
    public static final String MS_SSIM_DIVERSITY = "ms_ssim_diversity";
    /** FlexAE Table 4's generated-train row; {@code + GENERATED_HELDOUT}, {@code TRAIN_TRAIN}, {@code HELDOUT_TRAIN} the others. */
    public static final String PIXEL_MEMORISATION = "pixel_memorisation";
    public static final String GENERATED_HELDOUT = "_generated_heldout";
    public static final String TRAIN_TRAIN = "_train_train";
    public static final String HELDOUT_TRAIN = "_heldout_train";

    public static final String FID = "fid";
    public static final String KID_MEAN = "kid_mean";
    public static final String KID_STD = "kid_std";
    public static final String INCEPTION_SCORE_MEAN = "inception_score_mean";
    public static final String INCEPTION_SCORE_STD = "inception_score_std";
    public static final String CLASSIFIER_CONFIDENCE = "classifier_confidence";
    public static final String PRECISION = "precision";
    public static final String RECALL = "recall";
    public static final String PRD_F8 = "prd_f8";
    public static final String PRD_F1_8 = "prd_f1_8";
    public static final String DENSITY = "density";
    public static final String COVERAGE = "coverage";
    public static final String PERCEPTUAL_DISTANCE = "perceptual_distance";
    public static final String RECONSTRUCTION_FID = "rec_fid";
    public static final String LPIPS_RECONSTRUCTION = "lpips_reconstruction";
    public static final String FEATURE_MEMORISATION = "feature_memorisation";
    public static final String CLASSIFIER_ACCURACY = "classifier_accuracy";
    public static final String CLASS_COVERAGE = "class_coverage";
    /** critic-service's: the independent critic's estimates on the test half, the fit half, and their gap. */
    public static final String CRITIC_NEGATIVE_WASSERSTEIN = "critic_negative_wasserstein";
    public static final String CRITIC_NEGATIVE_WASSERSTEIN_FIT = "critic_negative_wasserstein_fit";
    public static final String CRITIC_GENERALISATION_GAP = "critic_generalisation_gap";

    private static final Map<String, Direction> DIRECTIONS = Map.ofEntries(
            Map.entry(RECONSTRUCTION_MSE, Direction.LOWER_IS_BETTER),
            Map.entry(RECONSTRUCTION_PSNR, Direction.HIGHER_IS_BETTER),
            Map.entry(RECONSTRUCTION_SSIM, Direction.HIGHER_IS_BETTER),
            Map.entry(PERCEPTUAL_DISTANCE, Direction.LOWER_IS_BETTER),
            Map.entry(RECONSTRUCTION_FID, Direction.LOWER_IS_BETTER),
            Map.entry(LPIPS_RECONSTRUCTION, Direction.LOWER_IS_BETTER),
            Map.entry(FID, Direction.LOWER_IS_BETTER),
            Map.entry(KID_MEAN, Direction.LOWER_IS_BETTER),
            Map.entry(INCEPTION_SCORE_MEAN, Direction.HIGHER_IS_BETTER),
            Map.entry(PRECISION, Direction.HIGHER_IS_BETTER),
            Map.entry(RECALL, Direction.HIGHER_IS_BETTER),
            Map.entry(PRD_F8, Direction.HIGHER_IS_BETTER),
            Map.entry(PRD_F1_8, Direction.HIGHER_IS_BETTER),
            Map.entry(DENSITY, Direction.HIGHER_IS_BETTER),
            Map.entry(COVERAGE, Direction.HIGHER_IS_BETTER),
            Map.entry(CLASS_COVERAGE, Direction.HIGHER_IS_BETTER),
            Map.entry(CLASSIFIER_CONFIDENCE, Direction.HIGHER_IS_BETTER),
            Map.entry(CLASSIFIER_ACCURACY, Direction.HIGHER_IS_BETTER));

    private static final Set<String> RECONSTRUCTION = Set.of(RECONSTRUCTION_MSE, RECONSTRUCTION_PSNR,
            RECONSTRUCTION_SSIM, PERCEPTUAL_DISTANCE, RECONSTRUCTION_FID, LPIPS_RECONSTRUCTION);

    private MetricNames() {
    }

    /** {@code metric@extractor}. */
    public static String of(String metric, String extractor) {
        return metric + "@" + extractor;
    }

    /**
     * The name under which {@code metric}, judged in {@code extractor}'s space, is told apart from the same
     * metric in other spaces: {@code metric} itself in pixel space (or with no extractor) and when it already
     * ends in {@code @extractor}, as feature metrics are published; {@code metric@extractor} otherwise (LPIPS).
     */
    public static String qualified(String metric, String extractor) {
        return extractor == null || PIXELS.equals(extractor) || metric.endsWith("@" + extractor) ? metric
                : of(metric, extractor);
    }

    /**
     * Which way a published metric ({@code name} or {@code name@extractor}) improves; empty for the
     * metrics that have no better end ({@code ms_ssim_diversity} and the memorisation scores are
     * read against the held-out images' own value; the {@code _std} spreads say how sure a mean is, not
     * how good) and for names not published here.
     */
    public static Optional<Direction> direction(String published) {
        int at = published.indexOf('@');
        return Optional.ofNullable(DIRECTIONS.get(at < 0 ? published : published.substring(0, at)));
    }

    /** Whether a published metric judges reconstructions of held-out images (the others judge samples or the classifier). */
    public static boolean judgesReconstructions(String published) {
        int at = published.indexOf('@');
        return RECONSTRUCTION.contains(at < 0 ? published : published.substring(0, at));
    }
}
