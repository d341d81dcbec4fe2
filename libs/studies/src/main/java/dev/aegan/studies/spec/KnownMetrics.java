package dev.aegan.studies.spec;

import dev.aegan.evaluation.metrics.MetricNames;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The metric names a study of service runs may read: {@code name} or {@code name@extractor}, with
 * {@code name} one of {@link MetricNames}' published names (read from its constants, so a metric
 * added there is known here), critic-service's, or {@link PendingMetricNames}.
 */
final class KnownMetrics {

    /** critic-service's {@code CriticJudge} publishes these (a library cannot import a service). */
    private static final Set<String> CRITIC = Set.of("critic_negative_wasserstein", "critic_negative_wasserstein_fit",
            "critic_generalisation_gap");

    private static final Set<String> NAMES = names();

    private KnownMetrics() {
    }

    static boolean known(String published) {
        int at = published.indexOf('@');
        return NAMES.contains(at < 0 ? published : published.substring(0, at))
                && (at < 0 || at < published.length() - 1);
    }

    private static Set<String> names() {
        Set<String> names = new HashSet<>(CRITIC);
        names.addAll(PendingMetricNames.NAMES);
        Arrays.stream(MetricNames.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> !field.getName().equals("PIXELS"))
                .map(KnownMetrics::value).forEach(names::add);
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
