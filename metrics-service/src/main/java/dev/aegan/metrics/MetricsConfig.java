package dev.aegan.metrics;

import dev.aegan.evaluation.features.ClassifierTraining;
import dev.aegan.evaluation.metrics.EvaluationSettings;
import dev.aegan.judging.JudgingConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every knob of the metrics service: {@code aegan.metrics.*}. The evaluation's sizes and the
 * classifier's training default to {@link EvaluationSettings}' and {@link ClassifierTraining}'s
 * named defaults, which the benchmark runs too.
 */
@ConfigMapping(prefix = "aegan.metrics")
public interface MetricsConfig extends JudgingConfig {

    /** Judge every k-th checkpoint of a run (checkpoint index = step / checkpointEvery); the last one always. */
    @WithDefault("1")
    int evaluateEvery();

    /**
     * Samples drawn per checkpoint for the generation metrics; also the most held-out images the
     * generated set is compared with (the first N of the split).
     */
    @WithDefault("" + EvaluationSettings.DEFAULT_GENERATION_SAMPLES)
    int generationSamples();

    /**
     * How many held-out images each checkpoint reconstructs: the first N of the dataset's held-out
     * split in topic order (all of them when it holds fewer), so every checkpoint of a dataset is
     * judged on the same images once the dataset holds N.
     */
    @WithDefault("1000")
    int reconstructionImages();

    /** Images per network call (sampling, reconstruction, feature extraction): bounds the memory one call takes. */
    @WithDefault("" + EvaluationSettings.DEFAULT_BATCH_SIZE)
    int batchSize();

    /** Seed of the latent codes of the generated set: the same codes for every checkpoint. */
    @WithDefault("" + EvaluationSettings.DEFAULT_SAMPLING_SEED)
    long samplingSeed();

    /** Random pairs of distinct samples whose MS-SSIM is averaged for {@code ms_ssim_diversity}. */
    @WithDefault("" + EvaluationSettings.DEFAULT_DIVERSITY_PAIRS)
    int diversityPairs();

    /** KID: random subsets per estimate and samples per subset (capped at the smaller set). */
    @WithDefault("" + EvaluationSettings.DEFAULT_KID_SUBSETS)
    int kidSubsets();

    @WithDefault("" + EvaluationSettings.DEFAULT_KID_SUBSET_SIZE)
    int kidSubsetSize();

    /**
     * Memorisation: the first N generated samples whose nearest training images are searched (exact
     * search costs N x training images x pixels: 2,000 x 10,000 x 784 is ~4 CPU seconds).
     */
    @WithDefault("" + EvaluationSettings.DEFAULT_MEMORISATION_SAMPLES)
    int memorisationSamples();

    /** Memorisation: the first N training images of the dataset that generated samples are compared with. */
    @WithDefault("10000")
    int memorisationTrainingImages();

    /** Memorisation gallery: the first Q generated samples whose nearest training images are stored. */
    @WithDefault("" + EvaluationSettings.DEFAULT_NEIGHBOUR_QUERIES)
    int neighbourQueries();

    /** Memorisation gallery: training neighbours stored per sample. */
    @WithDefault("" + EvaluationSettings.DEFAULT_NEIGHBOURS_PER_QUERY)
    int neighboursPerQuery();

    /** S3 bucket of classifiers, reference statistics and memorisation neighbours. */
    @WithDefault("metrics")
    String bucket();

    /** The in-domain classifier trained per labelled dataset. */
    Classifier classifier();

    /** User-supplied TorchScript feature extractors by name: {@code aegan.metrics.torchscript."<name>".path=...}. */
    Map<String, TorchScript> torchscript();

    /** A user-supplied TorchScript LPIPS network ({@code lpips_reconstruction}); none when its path is not set. */
    Optional<Lpips> lpips();

    interface Classifier {
        /** Adam updates of the classifier's one training (batches drawn with replacement from the training split). */
        @WithDefault("" + ClassifierTraining.DEFAULT_STEPS)
        int steps();

        @WithDefault("" + ClassifierTraining.DEFAULT_BATCH_SIZE)
        int batchSize();

        @WithDefault("" + ClassifierTraining.DEFAULT_LEARNING_RATE)
        double learningRate();

        /** Seed of the initial weights and of the batch draws: a dataset's classifier is reproducible. */
        @WithDefault("" + ClassifierTraining.DEFAULT_SEED)
        long seed();
    }

    interface Lpips {
        /** The TorchScript file: {@code forward(in0, in1)} returns one distance per pair of images. */
        Path path();

        /** Resize images (bilinear) to this side before the network; as they are when absent. */
        Optional<Integer> inputSize();

        /** Channels the network takes: a grayscale image is repeated to this many (3 for LPIPS's own networks). */
        Optional<Integer> inputChannels();

        /** Pixel range the network expects: {@code minus-one-to-one} (LPIPS's own, when absent) or {@code zero-to-one}. */
        Optional<String> inputRange();
    }

    interface TorchScript {
        /** The TorchScript file ({@code torch.jit.save}); its output is the features, or a tuple (features, logits). */
        Path path();

        /** Resize images (bilinear) to this side before the network, e.g. 299 for Inception; as they are when absent. */
        Optional<Integer> inputSize();

        /** Channels the network takes: a grayscale image is repeated to this many (3 for an RGB network). */
        Optional<Integer> inputChannels();

        /** Pixel range the network expects: {@code minus-one-to-one} ([-1, 1]) or {@code zero-to-one} ([0, 1]). */
        @WithDefault("minus-one-to-one")
        String inputRange();
    }
}
