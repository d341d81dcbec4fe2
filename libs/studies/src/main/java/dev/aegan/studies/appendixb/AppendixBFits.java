package dev.aegan.studies.appendixb;

import dev.aegan.studies.appendixb.AppendixBToy.Divergence;
import dev.aegan.studies.appendixb.AppendixBToy.Fit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Appendix B toy as a study's runs: a run is one divergence at one seed, fitted by the paper's
 * SGD procedure at a named scale, and it reports the fit's parameters (components ordered by mean),
 * the integrated divergence there, and the mass the fit puts on the central modes and the tails,
 * which is what Figure 1 shows. {@link #optimum} gives the same numbers for the numerically
 * integrated optimum, which a study file declares as its reference values.
 */
public final class AppendixBFits {

    public static final String MEAN_1 = "mean_1";
    public static final String LOG_VARIANCE_1 = "log_variance_1";
    public static final String MEAN_2 = "mean_2";
    public static final String LOG_VARIANCE_2 = "log_variance_2";
    public static final String DIVERGENCE = "divergence";
    /** p_theta's mass on [-5, 5], where p* has 0.65 of its mass (its two central modes). */
    public static final String CENTRAL_MASS = "central_mass";
    /** p_theta's mass beyond |x| = 10, where p* has almost none. */
    public static final String TAIL_MASS = "tail_mass";
    public static final List<String> METRICS = List.of(MEAN_1, LOG_VARIANCE_1, MEAN_2, LOG_VARIANCE_2, DIVERGENCE,
            CENTRAL_MASS, TAIL_MASS);

    /** {@code scaled-down}: ~1 s per divergence and seed; {@code paper}: the paper's 50 x 10,000 x 1000. */
    public static final List<String> SCALES = List.of("scaled-down", "paper");

    private AppendixBFits() {
    }

    /** The divergences by the names a study file uses: forward-kl, reverse-kl, jsd, jeffreys. */
    public static List<String> divergences() {
        return Arrays.stream(Divergence.values()).map(AppendixBFits::name).toList();
    }

    /** The SGD fit of one divergence at one seed. */
    public static Map<String, Double> fit(String divergence, String scale, long seed) {
        Divergence d = divergence(divergence);
        AppendixBToy.SgdSetup setup = switch (scale) {
            case "scaled-down" -> AppendixBToy.scaledDown(d);
            case "paper" -> AppendixBToy.paperScale(d);
            default -> throw new IllegalArgumentException("unknown scale '" + scale + "'; known: " + SCALES);
        };
        return describe(d, AppendixBToy.sgd(d, setup, seed));
    }

    /** The minimum of the numerically integrated divergence, described as a fit is. */
    public static Map<String, Double> optimum(String divergence) {
        Divergence d = divergence(divergence);
        return describe(d, AppendixBToy.quadratureMinimum(d));
    }

    private static Map<String, Double> describe(Divergence divergence, Fit fit) {
        double[] theta = fit.canonical();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(MEAN_1, theta[0]);
        values.put(LOG_VARIANCE_1, theta[1]);
        values.put(MEAN_2, theta[2]);
        values.put(LOG_VARIANCE_2, theta[3]);
        values.put(DIVERGENCE, AppendixBToy.integrate(divergence, theta));
        values.put(CENTRAL_MASS, AppendixBToy.modelMass(theta, -5, 5));
        values.put(TAIL_MASS, 1 - AppendixBToy.modelMass(theta, -10, 10));
        return values;
    }

    private static Divergence divergence(String name) {
        return Arrays.stream(Divergence.values()).filter(d -> name(d).equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown divergence '" + name + "'; known: " + divergences()));
    }

    private static String name(Divergence divergence) {
        return divergence.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
