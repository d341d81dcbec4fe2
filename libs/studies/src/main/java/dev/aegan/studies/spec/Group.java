package dev.aegan.studies.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        List<Map<String, Object>> result = List.of(Map.of());
        for (Map.Entry<String, List<Object>> entry : vary.entrySet()) {
            List<Map<String, Object>> extended = new ArrayList<>();
            for (Map<String, Object> partial : result) {
                for (Object value : entry.getValue()) {
                    Map<String, Object> combination = new LinkedHashMap<>(partial);
                    combination.put(entry.getKey(), value);
                    extended.add(combination);
                }
            }
            result = extended;
        }
        return result;
    }
}
