package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;

/** A diagonal Gaussian posterior q(z|x) = N(mu, exp(logVar)), as VAE encoders output it. */
public final class DiagonalGaussian {

    private DiagonalGaussian() {
    }

    /** z = mu + sigma * eps, Kingma and Welling (2014) eq. 10's reparameterisation. */
    public static NDArray sample(NDArray mu, NDArray logVar, NDArray eps) {
        return mu.add(Scalars.mul(logVar, 0.5f).exp().mul(eps));
    }

    /**
     * KL(N(mu, sigma^2) || N(0, I)) in closed form (Kingma and Welling 2014, Appendix B), summed over
     * the latent dimensions, averaged over the batch: -1/2 E sum(1 + logVar - mu^2 - exp(logVar)).
     */
    public static NDArray klFromStandardNormal(NDArray mu, NDArray logVar) {
        NDArray perImage = Scalars.add(logVar, 1f).sub(mu.square()).sub(logVar.exp()).sum(new int[] {1});
        return Scalars.mul(perImage, -0.5f).mean();
    }
}
