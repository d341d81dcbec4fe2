package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al. 2017, equation (3) and Algorithm 1, lines 6-8):
 * <pre>
 *   weight * E[(||grad_x D(x_hat)||_2 - 1)^2],   x_hat = eps x + (1 - eps) x_fake,   eps ~ U[0, 1]
 * </pre>
 * with one eps per sample, drawn by the caller (from its phase's random stream, so resumed runs
 * repeat). The norm is taken over all of a sample's elements. The gradient is differentiable
 * ({@link InputGradients}), so the penalty's backward reaches the critic's parameters. x_hat is cut
 * from the graphs of x and x_fake, as the PyTorch ports of the authors' code do: the penalty
 * constrains the critic, never the generator.
 *
 * @param value the weighted penalty, a scalar to add to the critic's loss
 * @param gradientNorm the batch mean of ||grad_x D(x_hat)||_2, for reporting
 */
public record GradientPenalty(NDArray value, NDArray gradientNorm) {

    /**
     * @param critic D, mapping N x ... inputs to N outputs (or N x 1); run in training mode
     * @param real x, N x ...
     * @param fake x_fake, shaped like x
     * @param eps N values in [0, 1]
     */
    public static GradientPenalty wganGp(UnaryOperator<NDArray> critic, NDArray real, NDArray fake, NDArray eps,
            float weight) {
        Shape shape = real.getShape();
        if (!fake.getShape().equals(shape) || eps.size() != shape.get(0)) {
            throw new IllegalArgumentException("gradient penalty needs real and fake of one shape and one eps per "
                    + "sample, got " + shape + ", " + fake.getShape() + " and " + eps.getShape());
        }
        long[] perSample = new long[shape.dimension()];
        Arrays.fill(perSample, 1);
        perSample[0] = shape.get(0);
        NDArray e = eps.reshape(new Shape(perSample));
        NDArray interpolated = InputGradients.differentiableInput(e.mul(real).add(Scalars.subFrom(1f, e).mul(fake)));
        NDArray gradient = InputGradients.of(critic.apply(interpolated), interpolated);
        NDArray norm = gradient.reshape(shape.get(0), -1).norm(new int[] {1});
        NDArray value = Scalars.mul(Scalars.sub(norm, 1f).square().mean(), weight);
        return new GradientPenalty(value, norm.mean());
    }
}
