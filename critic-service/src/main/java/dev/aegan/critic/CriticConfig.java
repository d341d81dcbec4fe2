package dev.aegan.critic;

import dev.aegan.judging.JudgingConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every knob of the critic service: {@code aegan.critic.*}. */
@ConfigMapping(prefix = "aegan.critic")
public interface CriticConfig extends JudgingConfig {

    /** Critic updates per checkpoint (each one batch of held-out images against one batch of samples). */
    @WithDefault("300")
    int updatesPerCheckpoint();

    /** Images per critic update. */
    @WithDefault("64")
    int batchSize();

    /**
     * Samples drawn from each checkpoint to train on, and as many again to estimate on; also the
     * most held-out images used per half (the held-out split is halved: even positions train the
     * critic, odd ones test it).
     */
    @WithDefault("2000")
    int sampleCount();

    /** Width of the critic's first convolution (doubled in the next two). */
    @WithDefault("32")
    int channels();

    /** Weight of the WGAN-GP gradient penalty (Gulrajani et al. 2017 use 10). */
    @WithDefault("10")
    double gradientPenalty();

    /** Adam learning rate and betas of the critic (WGAN-GP defaults: 1e-4, 0.5, 0.9). */
    @WithDefault("1e-4")
    double learningRate();

    @WithDefault("0.5")
    double beta1();

    @WithDefault("0.9")
    double beta2();

    /** Where each run's critic lives between checkpoints: {@code <bucket>/<run>/critic/...}. */
    @WithDefault("critics")
    String bucket();
}
