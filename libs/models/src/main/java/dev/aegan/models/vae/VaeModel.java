package dev.aegan.models.vae;

import static dev.aegan.models.nn.CompositeBlock.apply;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.DiagonalGaussian;
import dev.aegan.models.nn.Scalars;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.phase.TrainingPhase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Convolutional VAE, trained in one phase ({@value #PHASE}) that updates encoder and decoder together
 * on the negative beta-ELBO.
 */
public final class VaeModel extends AbstractGenerativeModel {

    public static final String ENCODER = "encoder";
    public static final String DECODER = "decoder";
    public static final String PHASE = "vae";

    private final VaeConfig config;
    private final Block encoder;
    private final Block decoder;

    VaeModel(ImageShape shape, Map<String, Object> hyperparameters, VaeConfig config, Device device) {
        super(VaeFamily.NAME, shape, config.latentDim(), hyperparameters, device);
        this.config = config;
        try {
            this.encoder = addNetwork(ENCODER, VaeNetworks.encoder(config), shape.batchShape(1));
            this.decoder = addNetwork(DECODER, VaeNetworks.decoder(shape, config),
                    new Shape(1, config.latentDim()));
            initialize(0);
            inferWith((parameters, z, training) -> decode(parameters, z, training).tanh(),
                (parameters, x, training) -> encode(parameters, x, training).get(0));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        trainWith(List.of(new TrainingPhase(PHASE, List.of(ENCODER, DECODER), config.adam(), this::negativeElbo)));
    }

    /** Mean and log-variance of q(z|x). */
    private NDList encode(ParameterStore parameters, NDArray x, boolean training) {
        NDArray stats = apply(encoder, parameters, x, training);
        return stats.split(2, 1);
    }

    private NDArray decode(ParameterStore parameters, NDArray z, boolean training) {
        return apply(decoder, parameters, z, training);
    }

    /**
     * Kingma and Welling (2014), eq. 10 with the KL term weighted by beta (Higgins et al. 2017):
     * loss = E_x[ -log p(x|z) + beta * KL(q(z|x) || N(0, I)) ], z = mu + sigma * eps (eq. 10's
     * reparameterisation), eps from the step's random stream; one z per image.
     */
    private PhaseLoss negativeElbo(PhaseContext context) {
        NDArray x = context.batch();
        NDList posterior = encode(context.parameters(), x, true);
        NDArray mu = posterior.get(0);
        NDArray logVar = posterior.get(1);
        NDArray eps = context.normal(mu.getShape());
        NDArray z = DiagonalGaussian.sample(mu, logVar, eps);
        NDArray logits = decode(context.parameters(), z, true);

        NDArray reconstruction = reconstructionLoss(x, logits);
        NDArray kl = DiagonalGaussian.klFromStandardNormal(mu, logVar);
        NDArray loss = reconstruction.add(Scalars.mul(kl, (float) config.beta()));

        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction", reconstruction);
        metrics.put("kl", kl);
        return new PhaseLoss(loss, metrics);
    }

    /** -log p(x|z) per image, averaged over the batch. */
    private NDArray reconstructionLoss(NDArray x, NDArray logits) {
        int[] pixelAxes = {1, 2, 3};
        if ("bce".equals(config.reconstructionLoss())) {
            // Pixels in [0, 1] are t = (x + 1) / 2 and tanh(a) = 2 sigmoid(2a) - 1, so the Bernoulli
            // logit is 2a; BCE with logits in its stable form max(l, 0) - l t + log(1 + exp(-|l|)).
            NDArray l = Scalars.mul(logits, 2f);
            NDArray t = Scalars.mul(Scalars.add(x, 1f), 0.5f);
            NDArray bce = Scalars.maximum(l, 0f).sub(l.mul(t)).add(Scalars.add(l.abs().neg().exp(), 1f).log());
            return bce.sum(pixelAxes).mean();
        }
        return Scalars.mul(logits.tanh().sub(x).square().sum(pixelAxes), 0.5f).mean();
    }
}
