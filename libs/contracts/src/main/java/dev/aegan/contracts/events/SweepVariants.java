package dev.aegan.contracts.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variants of a sweep's {@code vary}: every combination of the listed values, variant 1 first,
 * the first hyperparameter varying slowest. Sweeps number their runs and studies their variants in
 * this order, so a study's variant n is a sweep's run n.
 */
public final class SweepVariants {

    private SweepVariants() {
    }

    public static <V> List<Map<String, V>> of(Map<String, List<V>> vary) {
        List<Map<String, V>> result = List.of(Map.of());
        for (Map.Entry<String, List<V>> entry : vary.entrySet()) {
            List<Map<String, V>> extended = new ArrayList<>();
            for (Map<String, V> partial : result) {
                for (V value : entry.getValue()) {
                    Map<String, V> combination = new LinkedHashMap<>(partial);
                    combination.put(entry.getKey(), value);
                    extended.add(combination);
                }
            }
            result = extended;
        }
        return result;
    }
}
