package dev.aegan.evaluation.metrics;

/**
 * The sizes of one evaluation: {@code aegan.metrics.*} in the service, whose defaults are the
 * {@code DEFAULT_*} constants here; the benchmark runs {@link #defaults()}. Built by name:
 * {@code EvaluationSettings.builder().generationSamples(2000).build()} changes one size and keeps
 * the defaults of the others.
 *
 * @param generationSamples   samples drawn per checkpoint
 * @param batchSize           images per network call
 * @param samplingSeed        seed of the samples' latent codes
 * @param diversityPairs      MS-SSIM pairs of {@code ms_ssim_diversity}
 * @param kidSubsets          KID subsets
 * @param kidSubsetSize       samples per KID subset (capped at the smaller set)
 * @param memorisationSamples first samples whose nearest training images are searched
 * @param neighbourQueries    first samples whose neighbours are kept for the gallery
 * @param neighboursPerQuery  neighbours kept per such sample
 */
public record EvaluationSettings(int generationSamples, int batchSize, long samplingSeed, int diversityPairs,
                                 int kidSubsets, int kidSubsetSize, int memorisationSamples, int neighbourQueries,
                                 int neighboursPerQuery) {
    public static final int DEFAULT_GENERATION_SAMPLES = 10_000;
    public static final int DEFAULT_BATCH_SIZE = 250;
    public static final long DEFAULT_SAMPLING_SEED = 20240601;
    public static final int DEFAULT_DIVERSITY_PAIRS = 5000;
    public static final int DEFAULT_KID_SUBSETS = 100;
    public static final int DEFAULT_KID_SUBSET_SIZE = 1000;
    public static final int DEFAULT_MEMORISATION_SAMPLES = 2000;
    public static final int DEFAULT_NEIGHBOUR_QUERIES = 8;
    public static final int DEFAULT_NEIGHBOURS_PER_QUERY = 5;

    public EvaluationSettings {
        if (generationSamples < 10 || batchSize <= 0 || diversityPairs <= 0 || kidSubsets <= 0 || kidSubsetSize < 2
                || memorisationSamples <= 0 || neighbourQueries < 0 || neighboursPerQuery <= 0) {
            throw new IllegalArgumentException("invalid evaluation sizes: generation-samples "
                    + generationSamples + ", batch-size " + batchSize + ", diversity-pairs " + diversityPairs
                    + ", kid-subsets " + kidSubsets + ", kid-subset-size " + kidSubsetSize + ", memorisation-samples "
                    + memorisationSamples + ", neighbour-queries " + neighbourQueries + ", neighbours-per-query "
                    + neighboursPerQuery + "; generation-samples must be at least"
                    + " 10 (10 Inception-score splits), kid-subset-size at least 2, neighbour-queries at least 0,"
                    + " the others positive (aegan.metrics.*)");
        }
    }

    /** Every size at its default: the service's evaluation when nothing is configured. */
    public static EvaluationSettings defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named sizes, each at its default until set. */
    public static final class Builder {
        private int generationSamples = DEFAULT_GENERATION_SAMPLES;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long samplingSeed = DEFAULT_SAMPLING_SEED;
        private int diversityPairs = DEFAULT_DIVERSITY_PAIRS;
        private int kidSubsets = DEFAULT_KID_SUBSETS;
        private int kidSubsetSize = DEFAULT_KID_SUBSET_SIZE;
        private int memorisationSamples = DEFAULT_MEMORISATION_SAMPLES;
        private int neighbourQueries = DEFAULT_NEIGHBOUR_QUERIES;
        private int neighboursPerQuery = DEFAULT_NEIGHBOURS_PER_QUERY;

        private Builder() {
        }

        public Builder generationSamples(int value) {
            generationSamples = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder samplingSeed(long value) {
            samplingSeed = value;
            return this;
        }

        public Builder diversityPairs(int value) {
            diversityPairs = value;
            return this;
        }

        public Builder kidSubsets(int value) {
            kidSubsets = value;
            return this;
        }

        public Builder kidSubsetSize(int value) {
            kidSubsetSize = value;
            return this;
        }

        public Builder memorisationSamples(int value) {
            memorisationSamples = value;
            return this;
        }

        public Builder neighbourQueries(int value) {
            neighbourQueries = value;
            return this;
        }

        public Builder neighboursPerQuery(int value) {
            neighboursPerQuery = value;
            return this;
        }

        /** @throws IllegalArgumentException when a size is out of range */
        public EvaluationSettings build() {
            return new EvaluationSettings(generationSamples, batchSize, samplingSeed, diversityPairs, kidSubsets,
                    kidSubsetSize, memorisationSamples, neighbourQueries, neighboursPerQuery);
        }
    }
}
