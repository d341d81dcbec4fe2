package dev.aegan.models.phase;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A phase's scalar loss (what backward runs on) and extra named scalars to report, e.g. the
 * reconstruction and KL terms of a VAE loss.
 */
public record PhaseLoss(NDArray loss, Map<String, NDArray> metrics) {

    public PhaseLoss {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        for (String name : metrics.keySet()) {
            if (name.equals("loss") || name.contains("/")) {
                throw new IllegalArgumentException("metric name '" + name + "' is reserved or contains '/'");
            }
        }
    }

    public static PhaseLoss of(NDArray loss) {
        return new PhaseLoss(loss, Map.of());
    }
}
