package dev.aegan.metrics.evaluation;

/**
 * The sizes of one evaluation ({@code aegan.metrics.*} in the service; the benchmark sets its own).
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
public record BatterySettings(int generationSamples, int batchSize, long samplingSeed, int diversityPairs,
                              int kidSubsets, int kidSubsetSize, int memorisationSamples, int neighbourQueries,
                              int neighboursPerQuery) {

    public BatterySettings {
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
}
