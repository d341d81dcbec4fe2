package dev.aegan.gallery.domain;

import dev.aegan.contracts.events.RunSpec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs put side by side and the settings that tell them apart: each spec field ({@code model},
 * {@code dataset}, {@code seed}, {@code steps}, {@code batchSize}, {@code checkpointEvery}) and
 * hyperparameter whose value is not the same in every run, in the order they first appear. Settings
 * all runs share are left out, so the runs of a sweep over lambda read as "lambda 0.1", "lambda 0.3".
 * A setting a spec leaves out counts as a value of its own ({@code null}). {@code group} is the
 * sweep's id, {@code null} for runs picked by hand; runs are in natural order of their ids
 * ({@code g-2} before {@code g-10}).
 */
public record RunComparison(String group, List<String> varied, List<ComparedRun> runs) {
    private static final Pattern DIGIT_BOUNDARY = Pattern.compile("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
    private static final Comparator<String> NATURAL_ORDER = ((Comparator<String>) RunComparison::natural)
            .thenComparing(Comparator.naturalOrder());

    /**
     * One run and its values of the varied settings; {@code values} is {@code null} while its spec is
     * unknown (only its metrics or evaluations were seen), and such a run does not count in what varies.
     */
    public record ComparedRun(String runId, Map<String, Object> values) {
    }

    /** @param specs each run's spec by run id, {@code null} where it is not known yet */
    public static RunComparison of(String group, Map<String, RunSpec> specs) {
        List<String> runIds = specs.keySet().stream().sorted(NATURAL_ORDER).toList();
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (String runId : runIds) {
            RunSpec spec = specs.get(runId);
            if (spec != null) {
                Map<String, Object> of = settings(spec);
                settings.put(runId, of);
                names.addAll(of.keySet());
            }
        }
        List<String> varied = names.stream().filter(name -> !sameInAll(name, settings.values())).toList();
        List<ComparedRun> runs = new ArrayList<>();
        for (String runId : runIds) {
            Map<String, Object> of = settings.get(runId);
            if (of == null) {
                runs.add(new ComparedRun(runId, null));
            } else {
                Map<String, Object> values = new LinkedHashMap<>();
                varied.forEach(name -> values.put(name, of.get(name)));
                runs.add(new ComparedRun(runId, Collections.unmodifiableMap(values)));
            }
        }
        return new RunComparison(group, varied, List.copyOf(runs));
    }

    private static Map<String, Object> settings(RunSpec spec) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", spec.model());
        settings.put("dataset", spec.dataset());
        settings.put("seed", spec.seed());
        settings.put("steps", spec.steps());
        settings.put("batchSize", spec.batchSize());
        settings.put("checkpointEvery", spec.checkpointEvery());
        if (spec.hyperparameters() != null) {
            settings.putAll(spec.hyperparameters());
        }
        return settings;
    }

    private static boolean sameInAll(String name, Collection<Map<String, Object>> settings) {
        List<Object> values = settings.stream().map(of -> of.get(name)).toList();
        return values.stream().allMatch(value -> same(values.get(0), value));
    }

    /** JSON gives 1 and 1.0 different Java types; they are the same setting. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    private static int natural(String a, String b) {
        String[] x = DIGIT_BOUNDARY.split(a);
        String[] y = DIGIT_BOUNDARY.split(b);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int order = isNumber(x[i]) && isNumber(y[i])
                    ? new BigInteger(x[i]).compareTo(new BigInteger(y[i]))
                    : x[i].compareTo(y[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static boolean isNumber(String chunk) {
        return !chunk.isEmpty() && chunk.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
