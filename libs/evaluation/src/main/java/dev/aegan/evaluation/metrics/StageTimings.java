package dev.aegan.evaluation.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall-clock seconds per stage of one evaluation, in the order the stages ran; a stage run twice adds up. */
public final class StageTimings {
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    public <T> T time(String stage, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.merge(stage, (System.nanoTime() - start) / 1e9, Double::sum);
        }
    }

    public void time(String stage, Runnable work) {
        time(stage, () -> {
            work.run();
            return null;
        });
    }

    public Map<String, Double> seconds() {
        return Collections.unmodifiableMap(seconds);
    }

    public double total() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        seconds.forEach((stage, s) -> text.append(String.format("%s %.2fs, ", stage, s)));
        return text.append(String.format("total %.2fs", total())).toString();
    }
}
