package dev.aegan.studies.spec;

import dev.aegan.evaluation.metrics.MetricNames;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The metric names a study of service runs may read: {@code name} or {@code name@extractor}, with
 * {@code name} one of {@link MetricNames}' published names (read from its constants, so a metric
 * added there is known here), the memorisation rows included.
 */
final class KnownMetrics {

    private static final Set<String> NAMES = names();

    private KnownMetrics() {
    }

    static boolean known(String published) {
        int at = published.indexOf('@');
        return NAMES.contains(at < 0 ? published : published.substring(0, at))
                && (at < 0 || at < published.length() - 1);
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>();
        Arrays.stream(MetricNames.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> !field.getName().equals("PIXELS"))
                .map(KnownMetrics::value).forEach(names::add);
        for (String row : List.of(MetricNames.GENERATED_HELDOUT, MetricNames.TRAIN_TRAIN, MetricNames.HELDOUT_TRAIN)) {
            names.remove(row);
            names.add(MetricNames.PIXEL_MEMORISATION + row);
            names.add(MetricNames.FEATURE_MEMORISATION + row);
        }
        return Set.copyOf(names);
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
