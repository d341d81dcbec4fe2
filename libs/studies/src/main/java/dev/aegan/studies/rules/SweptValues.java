package dev.aegan.studies.rules;

import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.results.RunCoordinates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** A group's values of one metric at one seed, ordered by a swept numeric hyperparameter. */
final class SweptValues {

    private SweptValues() {
    }

    /** Empty when a variant has no value at the seed. */
    static Optional<List<Double>> at(ResultTable table, String group, String parameter, String metric, long seed) {
        List<RunCoordinates> variants = new ArrayList<>(table.variants(group, seed));
        variants.sort(Comparator.comparingDouble(run -> ((Number) run.varied().get(parameter)).doubleValue()));
        List<Double> values = new ArrayList<>();
        for (RunCoordinates run : variants) {
            OptionalDouble value = table.last(run.series(), seed, metric);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value.getAsDouble());
        }
        return values.size() < 2 ? Optional.empty() : Optional.of(values);
    }
}
