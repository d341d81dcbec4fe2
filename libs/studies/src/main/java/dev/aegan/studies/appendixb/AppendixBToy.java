package dev.aegan.studies.appendixb;

import java.util.SplittableRandom;

/**
 * The one-dimensional task of the paper's Figure 1 (Appendix B), in plain double precision: fit
 * the four-Gaussian target
 * <pre>
 *   p*(x) = 0.15 N(x|-8, 0.2^2) + 0.35 N(x|-3, 0.8^2) + 0.3 N(x|3, 1) + 0.2 N(x|8, 0.2^2)
 * </pre>
 * with the equiprobable two-Gaussian model
 * {@code p_theta(x) = 0.5 N(x|theta1, exp(theta2)) + 0.5 N(x|theta3, exp(theta4))}. The paper
 * writes N(x|mean, variance) (its target lists variances 0.2^2), so theta2 and theta4 are log
 * variances.
 *
 * <p>Two independent ways to find each divergence's optimum:
 * <ul>
 *   <li>{@link #sgd}: the paper's procedure, SGD on Monte Carlo estimates of the divergence with
 *       restarts, the best restart chosen by a large Monte Carlo estimate. Gradients are
 *       pathwise (reparameterised, one stratum per model component) for expectations under
 *       p_theta and score-function-free for expectations under p*.</li>
 *   <li>{@link #quadratureMinimum}: Nelder-Mead on the divergence integrated numerically
 *       (trapezoid rule, step 0.08 on [-40, 40]: integrands are smooth on the scale of the
 *       narrowest allowed component, sd 0.08, where the rule's error is below 1e-8; halving the
 *       step changes no optimum's value in the sixth digit) from a grid of 15 starts.</li>
 * </ul>
 * JSD is the symmetric 0.5 KL(p_theta||m) + 0.5 KL(p*||m) with m the average (the paper's
 * (3) differs by a factor 2 and a constant, which moves no optimum). Log variances are kept in
 * [{@value #MIN_LOG_VAR}, {@value #MAX_LOG_VAR}] by both methods (the paper states no bound; it
 * keeps SGD away from zero-variance blow-ups and keeps the quadrature domain wide enough: every
 * optimum found lies strictly inside).
 */
final class AppendixBToy {

    static final double[] TARGET_WEIGHTS = {0.15, 0.35, 0.3, 0.2};
    static final double[] TARGET_MEANS = {-8, -3, 3, 8};
    static final double[] TARGET_SDS = {0.2, 0.8, 1.0, 0.2};
    static final double MIN_LOG_VAR = -5;
    static final double MAX_LOG_VAR = 4;

    private static final double LOG_HALF = Math.log(0.5);
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);
    private static final double[] LOG_TARGET_WEIGHTS = new double[4];

    static {
        for (int i = 0; i < 4; i++) {
            LOG_TARGET_WEIGHTS[i] = Math.log(TARGET_WEIGHTS[i]);
        }
    }

    enum Divergence {
        FORWARD_KL, REVERSE_KL, JSD, JEFFREYS
    }

    private AppendixBToy() {
    }

    // ---- densities -------------------------------------------------------------------------

    private static double logNormal(double x, double mean, double logVar) {
        double d = x - mean;
        return -0.5 * (LOG_TWO_PI + logVar) - d * d * 0.5 * Math.exp(-logVar);
    }

    /** log p*(x) and d/dx log p*(x). */
    static double logTarget(double x, double[] dx) {
        double[] terms = new double[4];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            double sd = TARGET_SDS[i];
            double d = x - TARGET_MEANS[i];
            terms[i] = LOG_TARGET_WEIGHTS[i] - Math.log(sd) - 0.5 * LOG_TWO_PI - d * d / (2 * sd * sd);
            max = Math.max(max, terms[i]);
        }
        double sum = 0;
        double slope = 0;
        for (int i = 0; i < 4; i++) {
            double r = Math.exp(terms[i] - max);
            sum += r;
            slope += r * (-(x - TARGET_MEANS[i]) / (TARGET_SDS[i] * TARGET_SDS[i]));
        }
        if (dx != null) {
            dx[0] = slope / sum;
        }
        return max + Math.log(sum);
    }

    static double sampleTarget(SplittableRandom random) {
        double u = random.nextDouble();
        int k = 0;
        double cumulative = TARGET_WEIGHTS[0];
        while (u >= cumulative && k < 3) {
            k++;
            cumulative += TARGET_WEIGHTS[k];
        }
        return TARGET_MEANS[k] + TARGET_SDS[k] * gaussian(random);
    }

    /**
     * log p_theta(x); when {@code grad} is given, also d/dtheta (grad[0..3]) and d/dx (grad[4]).
     */
    static double logModel(double x, double[] theta, double[] grad) {
        double a = LOG_HALF + logNormal(x, theta[0], theta[1]);
        double b = LOG_HALF + logNormal(x, theta[2], theta[3]);
        double max = Math.max(a, b);
        double ea = Math.exp(a - max);
        double eb = Math.exp(b - max);
        double log = max + Math.log(ea + eb);
        if (grad != null) {
            double ra = ea / (ea + eb);
            double rb = 1 - ra;
            double ia = Math.exp(-theta[1]);
            double ib = Math.exp(-theta[3]);
            double da = x - theta[0];
            double db = x - theta[2];
            grad[0] = ra * da * ia;
            grad[1] = ra * (-0.5 + 0.5 * da * da * ia);
            grad[2] = rb * db * ib;
            grad[3] = rb * (-0.5 + 0.5 * db * db * ib);
            grad[4] = -ra * da * ia - rb * db * ib;
        }
        return log;
    }

    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    // ---- Monte Carlo: estimates and gradients ----------------------------------------------------

    /**
     * A Monte Carlo gradient of the divergence at theta from {@code batch} draws of p* and
     * {@code batch} draws of p_theta (half from each component, x = mu_j + sd_j * eps).
     */
    static double[] gradient(Divergence divergence, double[] theta, SplittableRandom random, int batch) {
        double[] g = new double[4];
        double[] gl = new double[5];
        double[] dTarget = new double[1];
        boolean underTarget = divergence != Divergence.REVERSE_KL;
        boolean underModel = divergence != Divergence.FORWARD_KL;
        double targetWeight = divergence == Divergence.FORWARD_KL ? 1 : 0.5;
        double modelWeight = divergence == Divergence.REVERSE_KL ? 1 : 0.5;
        if (underTarget) {
            for (int i = 0; i < batch; i++) {
                double x = sampleTarget(random);
                double lq = logModel(x, theta, gl);
                // FKL and Jeffreys: d/dtheta E_p*[log p* - log q] = -E_p*[dlog q]; JSD's KL(p*||m):
                // -E_p*[a dlog q] with a = q / (q + p*), the share of q in m.
                double factor = 1;
                if (divergence == Divergence.JSD) {
                    double lp = logTarget(x, null);
                    factor = sigmoid(lq - lp);
                }
                for (int k = 0; k < 4; k++) {
                    g[k] -= targetWeight * factor * gl[k] / batch;
                }
            }
        }
        if (underModel) {
            int half = batch / 2;
            for (int j = 0; j < 2; j++) {
                double sd = Math.exp(0.5 * theta[2 * j + 1]);
                for (int i = 0; i < half; i++) {
                    double eps = gaussian(random);
                    double x = theta[2 * j] + sd * eps;
                    double lq = logModel(x, theta, gl);
                    double lp = logTarget(x, dTarget);
                    // Total derivative of f(x(theta), theta): explicit part + df/dx * dx/dtheta, where
                    // dx/dmu_j = 1 and dx/dlogvar_j = 0.5 * sd_j * eps.
                    double explicit;
                    double slope;
                    if (divergence == Divergence.JSD) {
                        // f = log q - log m; d/dtheta: (1 - a) dlog q; d/dx: (1 - a)(dlog q/dx - dlog p*/dx)
                        double b = 1 - sigmoid(lq - lp);
                        explicit = b;
                        slope = b * (gl[4] - dTarget[0]);
                    } else {
                        explicit = 1;
                        slope = gl[4] - dTarget[0];
                    }
                    double w = modelWeight * 0.5 / half;
                    for (int k = 0; k < 4; k++) {
                        g[k] += w * explicit * gl[k];
                    }
                    g[2 * j] += w * slope;
                    g[2 * j + 1] += w * slope * 0.5 * sd * eps;
                }
            }
        }
        return g;
    }

    /** A Monte Carlo estimate of the divergence from {@code samples} draws (as in the gradient). */
    static double estimate(Divergence divergence, double[] theta, SplittableRandom random, int samples) {
        double value = 0;
        if (divergence != Divergence.REVERSE_KL) {
            double weight = divergence == Divergence.FORWARD_KL ? 1 : 0.5;
            double sum = 0;
            for (int i = 0; i < samples; i++) {
                double x = sampleTarget(random);
                double lp = logTarget(x, null);
                double lq = logModel(x, theta, null);
                sum += divergence == Divergence.JSD ? lp - logMixtureMean(lp, lq) : lp - lq;
            }
            value += weight * sum / samples;
        }
        if (divergence != Divergence.FORWARD_KL) {
            double weight = divergence == Divergence.REVERSE_KL ? 1 : 0.5;
            int half = samples / 2;
            double sum = 0;
            for (int j = 0; j < 2; j++) {
                double sd = Math.exp(0.5 * theta[2 * j + 1]);
                for (int i = 0; i < half; i++) {
                    double x = theta[2 * j] + sd * gaussian(random);
                    double lp = logTarget(x, null);
                    double lq = logModel(x, theta, null);
                    sum += 0.5 * (divergence == Divergence.JSD ? lq - logMixtureMean(lp, lq) : lq - lp) / half;
                }
            }
            value += weight * sum;
        }
        return value;
    }

    // ---- numerical integration -----------------------------------------------------------------

    static final double GRID_LOW = -40;
    static final double GRID_HIGH = 40;
    static final int GRID_INTERVALS = 1000;
    private static final double[] GRID = new double[GRID_INTERVALS + 1];
    private static final double[] TRAPEZOID = new double[GRID_INTERVALS + 1];
    private static final double[] LOG_TARGET_ON_GRID = new double[GRID_INTERVALS + 1];

    static {
        double h = (GRID_HIGH - GRID_LOW) / GRID_INTERVALS;
        for (int i = 0; i <= GRID_INTERVALS; i++) {
            GRID[i] = GRID_LOW + i * h;
            TRAPEZOID[i] = i == 0 || i == GRID_INTERVALS ? h / 2 : h;
            LOG_TARGET_ON_GRID[i] = logTarget(GRID[i], null);
        }
    }

    /** The divergence at theta, integrated numerically. */
    static double integrate(Divergence divergence, double[] theta) {
        double sum = 0;
        for (int i = 0; i <= GRID_INTERVALS; i++) {
            double lp = LOG_TARGET_ON_GRID[i];
            double lq = logModel(GRID[i], theta, null);
            double p = Math.exp(lp);
            double q = Math.exp(lq);
            double integrand = switch (divergence) {
                case FORWARD_KL -> p * (lp - lq);
                case REVERSE_KL -> q * (lq - lp);
                case JEFFREYS -> 0.5 * p * (lp - lq) + 0.5 * q * (lq - lp);
                case JSD -> {
                    double lm = logMixtureMean(lp, lq);
                    yield 0.5 * q * (lq - lm) + 0.5 * p * (lp - lm);
                }
            };
            sum += TRAPEZOID[i] * integrand;
        }
        return sum;
    }

    /** The probability p_theta assigns to [low, high]. */
    static double modelMass(double[] theta, double low, double high) {
        return 0.5 * (normalCdf((high - theta[0]) * Math.exp(-0.5 * theta[1]))
                - normalCdf((low - theta[0]) * Math.exp(-0.5 * theta[1])))
                + 0.5 * (normalCdf((high - theta[2]) * Math.exp(-0.5 * theta[3]))
                        - normalCdf((low - theta[2]) * Math.exp(-0.5 * theta[3])));
    }

    /** Standard normal CDF through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double normalCdf(double z) {
        double x = -z / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
                        + t * 0.17087277)))))))));
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }

    /** Nelder-Mead on the integrated divergence from a grid of starts; the best result. */
    static Fit quadratureMinimum(Divergence divergence) {
        double[] means = {-8, -3, 0, 3, 8};
        double[] logVars = {0};
        Fit best = null;
        for (int i = 0; i < means.length; i++) {
            for (int j = i; j < means.length; j++) {
                for (double logVar : logVars) {
                    Fit fit = nelderMead(divergence, new double[] {means[i], logVar, means[j], logVar});
                    if (best == null || fit.value() < best.value()) {
                        best = fit;
                    }
                }
            }
        }
        return best;
    }

    private static double boundedIntegral(Divergence divergence, double[] theta) {
        if (theta[1] < MIN_LOG_VAR || theta[1] > MAX_LOG_VAR || theta[3] < MIN_LOG_VAR || theta[3] > MAX_LOG_VAR) {
            return Double.POSITIVE_INFINITY;
        }
        return integrate(divergence, theta);
    }

    static Fit nelderMead(Divergence divergence, double[] start) {
        int n = 4;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < n; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += 0.5;
        }
        for (int i = 0; i <= n; i++) {
            values[i] = boundedIntegral(divergence, simplex[i]);
        }
        for (int iteration = 0; iteration < 3000; iteration++) {
            sortSimplex(simplex, values);
            if (iteration > 50 && values[n] - values[0] < 1e-11) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < n; k++) {
                    centroid[k] += simplex[i][k] / n;
                }
            }
            double[] reflected = affine(centroid, simplex[n], -1);
            double fr = boundedIntegral(divergence, reflected);
            if (fr < values[0]) {
                double[] expanded = affine(centroid, simplex[n], -2);
                double fe = boundedIntegral(divergence, expanded);
                if (fe < fr) {
                    simplex[n] = expanded;
                    values[n] = fe;
                } else {
                    simplex[n] = reflected;
                    values[n] = fr;
                }
            } else if (fr < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = fr;
            } else {
                double[] contracted = affine(centroid, simplex[n], 0.5);
                double fc = boundedIntegral(divergence, contracted);
                if (fc < values[n]) {
                    simplex[n] = contracted;
                    values[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = affine(simplex[0], simplex[i], 0.5);
                        values[i] = boundedIntegral(divergence, simplex[i]);
                    }
                }
            }
        }
        sortSimplex(simplex, values);
        return new Fit(simplex[0], values[0]);
    }

    /** {@code c + t * (p - c)}. */
    private static double[] affine(double[] c, double[] p, double t) {
        double[] r = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            r[k] = c[k] + t * (p[k] - c[k]);
        }
        return r;
    }

    private static void sortSimplex(double[][] simplex, double[] values) {
        for (int i = 1; i < values.length; i++) {
            for (int j = i; j > 0 && values[j] < values[j - 1]; j--) {
                double v = values[j];
                values[j] = values[j - 1];
                values[j - 1] = v;
                double[] p = simplex[j];
                simplex[j] = simplex[j - 1];
                simplex[j - 1] = p;
            }
        }
    }

    // ---- the paper's SGD procedure ---------------------------------------------------------------

    /**
     * SGD with restarts. Each of {@code restarts} runs starts at mu ~ U(-10, 10), log variance ~
     * U(-2, 2) and takes {@code iterations} plain SGD steps of size {@code learningRate} on
     * {@code batch}-draw gradient estimates; the run with the lowest {@code selectionSamples}-draw
     * estimate is kept (the paper: 50 runs of 10,000 steps at batch 1000, chosen by a
     * 100,000-draw estimate; it states no step size). When {@code refineIterations > 0} the kept
     * run takes that many more steps at batch {@code refineBatch}, and the result is the average
     * of the iterates of their second half (Polyak-Ruppert averaging): it removes SGD's noise at a
     * fraction of the paper's cost. {@code refineIterations = 0} is the paper's procedure as printed.
     */
    record SgdSetup(int restarts, int iterations, int batch, double learningRate, int selectionSamples,
            int refineIterations, int refineBatch) {
    }

    /**
     * The paper's scale: 50 runs of 10,000 steps at batch 1000, selected with 100,000 draws; the
     * step size is ours. ~1,000 CPU seconds for the four divergences, so the suite runs
     * {@link #scaledDown} and this only on request.
     */
    static SgdSetup paperScale(Divergence divergence) {
        return new SgdSetup(50, 10_000, 1000, learningRate(divergence), 100_000, 0, 0);
    }

    /**
     * What the suite runs (~1 s per divergence): 20 restarts of 600 steps at batch 50 (500 at
     * step 0.3 for JSD), then 2,000 averaged steps at batch 300 from the best restart.
     */
    static SgdSetup scaledDown(Divergence divergence) {
        int iterations = divergence == Divergence.JSD ? 500 : 600;
        return new SgdSetup(20, iterations, 50, learningRate(divergence), 20_000, 2000, 300);
    }

    /**
     * JSD saturates (it is bounded by log 2), so its gradients are an order smaller and it takes a
     * larger step; 0.05 keeps the others stable on a component of variance 0.04 (the curvature in
     * its mean is about 0.5 / 0.04, and SGD needs step * curvature below 2).
     */
    private static double learningRate(Divergence divergence) {
        return divergence == Divergence.JSD ? 0.3 : 0.05;
    }

    /** The best of the restarts by a Monte Carlo estimate, as the paper chose among its runs. */
    static Fit sgd(Divergence divergence, SgdSetup setup, long seed) {
        Fit best = null;
        for (int run = 0; run < setup.restarts(); run++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + run);
            double[] theta = {uniform(random, -10, 10), uniform(random, -2, 2), uniform(random, -10, 10),
                    uniform(random, -2, 2)};
            for (int t = 0; t < setup.iterations(); t++) {
                step(theta, gradient(divergence, theta, random, setup.batch()), setup.learningRate());
            }
            double value = estimate(divergence, theta, random, setup.selectionSamples());
            if (best == null || value < best.value()) {
                best = new Fit(theta, value);
            }
        }
        if (setup.refineIterations() == 0) {
            return best;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L - 1);
        double[] theta = best.theta().clone();
        double[] average = new double[4];
        int averaged = 0;
        int total = setup.refineIterations();
        for (int t = 0; t < total; t++) {
            step(theta, gradient(divergence, theta, random, setup.refineBatch()), setup.learningRate());
            if (t >= total / 2) {
                for (int k = 0; k < 4; k++) {
                    average[k] += theta[k];
                }
                averaged++;
            }
        }
        for (int k = 0; k < 4; k++) {
            average[k] /= averaged;
        }
        return new Fit(average, estimate(divergence, average, random, setup.selectionSamples()));
    }

    private static void step(double[] theta, double[] gradient, double rate) {
        for (int k = 0; k < 4; k++) {
            theta[k] -= rate * gradient[k];
        }
        theta[1] = Math.min(MAX_LOG_VAR, Math.max(MIN_LOG_VAR, theta[1]));
        theta[3] = Math.min(MAX_LOG_VAR, Math.max(MIN_LOG_VAR, theta[3]));
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private static double sigmoid(double t) {
        return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
    }

    /** log((p + q) / 2) from log p and log q. */
    private static double logMixtureMean(double lp, double lq) {
        double max = Math.max(lp, lq);
        return LOG_HALF + max + Math.log(Math.exp(lp - max) + Math.exp(lq - max));
    }

    /**
     * Parameters (mu1, logVar1, mu2, logVar2) and the divergence there. {@link #canonical()} orders
     * the components by mean, since the model is symmetric under swapping them.
     */
    record Fit(double[] theta, double value) {
        double[] canonical() {
            return theta[0] <= theta[2] ? theta.clone() : new double[] {theta[2], theta[3], theta[0], theta[1]};
        }
    }
}
