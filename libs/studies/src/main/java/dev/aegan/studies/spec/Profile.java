package dev.aegan.studies.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * A budget: the seeds and the run settings. For the services: {@code steps}, {@code batchSize},
 * {@code checkpointEvery} and {@code hyperparameters} by model family (e.g. a reduced
 * {@code channels} for a CPU); for the Appendix B toy: {@code scale}.
 */
public record Profile(String name, List<Long> seeds, ObjectNode settings) {
}
