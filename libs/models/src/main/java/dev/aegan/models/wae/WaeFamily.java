package dev.aegan.models.wae;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import java.util.Map;

/**
 * Wasserstein Auto-Encoders (Tolstikhin et al. 2018), the baselines FlexAE (paper 002) compares
 * against: a deterministic encoder and decoder, the squared L2 reconstruction cost, and a penalty
 * D_Z(Q_Z, P_Z) between the encoded codes and the prior N(0, I):
 * <ul>
 *   <li>{@value #MMD}: the MMD with the inverse multiquadratics kernel (Algorithm 2), lambda 10;</li>
 *   <li>{@value #GAN}: an adversary in latent space (Algorithm 1), lambda 1.</li>
 * </ul>
 * Defaults are the WAE paper's MNIST setting (Section 4 and Appendix C, and the authors' configs.py):
 * latent 8, Adam with alpha = 1e-3, beta1 = 0.5 (beta2 0.999, TensorFlow's default), the adversary
 * alpha = 5e-4; encoder widths 128 to 1024, adversary 4 x 512. FlexAE's tables run WAE on FlexAE's own
 * network with latent 32 on MNIST (its Table 3, m_b): {@code network = flexae}, {@code channels = 64},
 * {@code latentDim = 32}, and {@code reconstructionCost = authors-code} for the authors' weighting.
 */
public final class WaeFamily extends AbstractModelFamily<WaeConfig> {

    public static final String MMD = "wae-mmd";
    public static final String GAN = "wae-gan";

    /** Image sides the networks accept: four stride-2 convolutions, a decoder canvas of 4k. */
    public static final int MIN_SIDE = 16;
    public static final int MAX_SIDE = 256;

    /** How D_Z(Q_Z, P_Z) is estimated. */
    public enum Penalty {
        MMD, GAN
    }

    private final Penalty penalty;

    private WaeFamily(Penalty penalty, String name) {
        super(name, WaeConfig.class, sidesWithin(MIN_SIDE, MAX_SIDE, "four stride-2 convolutions"));
        this.penalty = penalty;
    }

    public static WaeFamily mmd() {
        return new WaeFamily(Penalty.MMD, MMD);
    }

    public static WaeFamily gan() {
        return new WaeFamily(Penalty.GAN, GAN);
    }

    public Penalty penalty() {
        return penalty;
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new WaeModel(name(), shape, effective, config().bind(effective, penalty), device);
    }
}
