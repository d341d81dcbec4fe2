package dev.aegan.models.ijae;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.InvalidHyperparameterException;
import dev.aegan.models.core.ImageShape;
import java.util.Map;

/**
 * lambda-IJAE (Implicit lambda-Jeffreys Autoencoder, paper 001) and its two ablations, which
 * replace the implicit likelihood (D_tau) by an explicit one:
 * <ul>
 *   <li>{@value #IMPLICIT}: the paper's model;</li>
 *   <li>{@value #LAPLACE}: lambda-IJAE-L1, Laplace likelihood (L1 reconstruction);</li>
 *   <li>{@value #GAUSSIAN}: lambda-IJAE-L2, Gaussian likelihood (L2 reconstruction).</li>
 * </ul>
 * Defaults are Appendix D's (latent 128, width 128, Adam 1e-4 with betas 0.5, 0.9) and the
 * paper's chosen lambda = 0.3 (Section 5).
 */
public final class IjaeFamily extends AbstractModelFamily<IjaeConfig> {

    public static final String IMPLICIT = "lambda-ijae";
    public static final String LAPLACE = "lambda-ijae-l1";
    public static final String GAUSSIAN = "lambda-ijae-l2";

    private static final String MAX_SHIFT = "maxShift";

    /** Image sides the networks accept; each is padded to a multiple of 16 (see {@link Canvas}). */
    public static final int MIN_SIDE = 8;
    public static final int MAX_SIDE = 256;

    /** How p(x|z) is modelled: the paper's implicit likelihood or an explicit one (the ablations). */
    public enum Likelihood {
        IMPLICIT, LAPLACE, GAUSSIAN
    }

    private final Likelihood likelihood;

    private IjaeFamily(Likelihood likelihood, String name) {
        super(name, IjaeConfig.class, sidesWithin(MIN_SIDE, MAX_SIDE, "images are padded to a multiple of 16"));
        this.likelihood = likelihood;
    }

    public static IjaeFamily implicit() {
        return new IjaeFamily(Likelihood.IMPLICIT, IMPLICIT);
    }

    public static IjaeFamily laplace() {
        return new IjaeFamily(Likelihood.LAPLACE, LAPLACE);
    }

    public static IjaeFamily gaussian() {
        return new IjaeFamily(Likelihood.GAUSSIAN, GAUSSIAN);
    }

    public Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public Map<String, Object> resolve(ImageShape shape, Map<String, ?> hyperparameters) {
        Map<String, Object> effective = super.resolve(shape, hyperparameters);
        if (likelihood == Likelihood.IMPLICIT) {
            int maxShift = (Integer) effective.get(MAX_SHIFT);
            int limit = Math.min(shape.height(), shape.width()) - 1;
            if (maxShift > limit) {
                throw new InvalidHyperparameterException(name(), MAX_SHIFT, maxShift,
                        "an integer in [0, " + limit + "] for images of shape " + shape,
                        "is larger than the image: a cyclic shift that large wraps past the start");
            }
        }
        return effective;
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new IjaeModel(name(), shape, effective, config().bind(effective, likelihood), device);
    }
}
