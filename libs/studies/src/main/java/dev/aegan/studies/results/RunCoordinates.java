package dev.aegan.studies.results;

import java.util.Map;

/**
 * Where a run sits in its study: its group, which of the group's variants (1 for a group that
 * varies nothing; otherwise the position in the cartesian product of {@code vary}, as a sweep numbers
 * its runs), its seed, and the hyperparameter values that variant varies.
 */
public record RunCoordinates(String group, int variant, long seed, Map<String, Object> varied) {

    /** {@code <group>-<variant>}: one point of a group, over seeds. */
    public String series() {
        return group + "-" + variant;
    }
}
