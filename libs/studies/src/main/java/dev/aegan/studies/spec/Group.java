package dev.aegan.studies.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.contracts.events.SweepVariants;

import java.util.List;
import java.util.Map;

/**
 * Runs that share a base spec: for the services, a run spec without runId, group, dataset, seed and
 * budget (the study and its profile add those); for the Appendix B toy, {@code {"divergence": ...}}.
 * {@code vary} sweeps hyperparameters as {@code POST /sweeps} does.
 */
public record Group(String name, ObjectNode spec, Map<String, List<Object>> vary) {

    /** The values each variant varies, variant 1 first, the first hyperparameter varying slowest (as a sweep). */
    public List<Map<String, Object>> variants() {
        return SweepVariants.of(vary);
    }
}
