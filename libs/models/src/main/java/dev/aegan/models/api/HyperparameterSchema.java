package dev.aegan.models.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hyperparameters a model family accepts: each key with its type, range and default, as its
 * config record declares them ({@link Hyperparameter}, {@link ConfigRecord#schema}).
 *
 * <p>Values usually arrive from JSON, so any {@link Number} is accepted for a real-valued key and
 * any integral number (also {@code 16.0}) for an integer key; strings are never parsed as numbers.
 * {@link #resolve} returns canonical values ({@link Integer}, {@link Double}, {@link String},
 * {@link Boolean}) in declaration order, which is what checkpoints record.
 */
public final class HyperparameterSchema {

    private final String family;
    private final Map<String, Spec> specs;
    private final Map<String, Object> defaults;

    private HyperparameterSchema(String family, Map<String, Spec> specs) {
        this.family = family;
        this.specs = Collections.unmodifiableMap(new LinkedHashMap<>(specs));
        Map<String, Object> d = new LinkedHashMap<>();
        specs.forEach((key, spec) -> d.put(key, spec.defaultValue()));
        this.defaults = Collections.unmodifiableMap(d);
    }

    static Builder builder(String family) {
        return new Builder(family);
    }

    public Map<String, Object> defaults() {
        return defaults;
    }

    /** What the given key accepts, e.g. {@code "an integer in [1, 512]"}; null for an unknown key. */
    public String describe(String key) {
        Spec spec = specs.get(key);
        return spec == null ? null : spec.allowed();
    }

    /**
     * The defaults overridden by {@code given}.
     *
     * @throws InvalidHyperparameterException for an unknown key or a value of the wrong type or range
     */
    public Map<String, Object> resolve(Map<String, ?> given) {
        Map<String, Object> effective = new LinkedHashMap<>(defaults);
        if (given != null) {
            for (Map.Entry<String, ?> entry : given.entrySet()) {
                Spec spec = specs.get(entry.getKey());
                if (spec == null) {
                    throw new InvalidHyperparameterException(family, entry.getKey(), entry.getValue(),
                            "one of the keys " + String.join(", ", specs.keySet()), "is not a known hyperparameter");
                }
                effective.put(entry.getKey(), spec.canonical(family, entry.getKey(), entry.getValue()));
            }
        }
        return Collections.unmodifiableMap(effective);
    }

    private sealed interface Spec permits IntSpec, RealSpec, ChoiceSpec, FlagSpec {
        Object defaultValue();

        String allowed();

        Object canonical(String family, String key, Object value);
    }

    private record IntSpec(Integer defaultValue, int min, int max) implements Spec {
        @Override
        public String allowed() {
            return "an integer in [" + min + ", " + max + "]";
        }

        @Override
        public Object canonical(String family, String key, Object value) {
            Long integral = integralValue(value);
            if (integral == null) {
                throw new InvalidHyperparameterException(family, key, value, allowed(), "is not an integer");
            }
            if (integral < min || integral > max) {
                throw new InvalidHyperparameterException(family, key, value, allowed(), "is out of range");
            }
            return integral.intValue();
        }

        private static Long integralValue(Object value) {
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger big) {
                return big.bitLength() < 63 ? big.longValue() : null;
            }
            if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                double d = ((Number) value).doubleValue();
                if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return (long) d;
                }
            }
            return null;
        }
    }

    private record RealSpec(Double defaultValue, double min, boolean minInclusive, double max, boolean maxInclusive)
            implements Spec {
        @Override
        public String allowed() {
            return "a number in " + (minInclusive ? "[" : "(") + min + ", " + max + (maxInclusive ? "]" : ")");
        }

        @Override
        public Object canonical(String family, String key, Object value) {
            if (!(value instanceof Number number)) {
                throw new InvalidHyperparameterException(family, key, value, allowed(), "is not a number");
            }
            double d = number.doubleValue();
            boolean aboveMin = minInclusive ? d >= min : d > min;
            boolean belowMax = maxInclusive ? d <= max : d < max;
            if (!Double.isFinite(d) || !aboveMin || !belowMax) {
                throw new InvalidHyperparameterException(family, key, value, allowed(), "is out of range");
            }
            return d;
        }
    }

    private record ChoiceSpec(String defaultValue, List<String> choices) implements Spec {
        @Override
        public String allowed() {
            return "one of " + String.join(", ", choices);
        }

        @Override
        public Object canonical(String family, String key, Object value) {
            if (!(value instanceof String s) || !choices.contains(s)) {
                throw new InvalidHyperparameterException(family, key, value, allowed(), "is not a known choice");
            }
            return s;
        }
    }

    private record FlagSpec(Boolean defaultValue) implements Spec {
        @Override
        public String allowed() {
            return "true or false";
        }

        @Override
        public Object canonical(String family, String key, Object value) {
            if (!(value instanceof Boolean b)) {
                throw new InvalidHyperparameterException(family, key, value, allowed(), "is not a boolean");
            }
            return b;
        }
    }

    /** Builds the schema from {@link Hyperparameter} declarations; see {@link ConfigRecord#schema}. */
    static final class Builder {
        private static final Pattern RANGE = Pattern.compile("([\\[(])\\s*([^,]+),\\s*([^\\])]+)([\\])])");

        private final String family;
        private final Map<String, Spec> specs = new LinkedHashMap<>();

        private Builder(String family) {
            this.family = Objects.requireNonNull(family);
        }

        /**
         * @param type int (an integer in a closed range), double (a real in a range with either end open),
         *             boolean, or String (one of {@code choices})
         * @param range {@code [min, max]}, {@code (min, max]} or {@code [min, max)} for a number
         */
        Builder declare(String key, Class<?> type, String defaultText, String range, String[] choices) {
            if (type == boolean.class) {
                if (!defaultText.equals("true") && !defaultText.equals("false")) {
                    throw new IllegalArgumentException("hyperparameter '" + key + "' has default " + defaultText);
                }
                return add(key, new FlagSpec(Boolean.valueOf(defaultText)));
            }
            if (type == String.class) {
                return add(key, new ChoiceSpec(defaultText, List.of(choices)));
            }
            Matcher bounds = RANGE.matcher(range);
            if (!bounds.matches()) {
                throw new IllegalArgumentException("hyperparameter '" + key + "' has range '" + range + "'");
            }
            boolean minInclusive = bounds.group(1).equals("[");
            boolean maxInclusive = bounds.group(4).equals("]");
            if (type == int.class && minInclusive && maxInclusive) {
                return add(key, new IntSpec(Integer.valueOf(defaultText), Integer.parseInt(bounds.group(2).trim()),
                        Integer.parseInt(bounds.group(3).trim())));
            }
            if (type == double.class) {
                return add(key, new RealSpec(Double.valueOf(defaultText), Double.parseDouble(bounds.group(2)),
                        minInclusive, Double.parseDouble(bounds.group(3)), maxInclusive));
            }
            throw new IllegalArgumentException("hyperparameter '" + key + "' of type " + type + " with range " + range);
        }

        private Builder add(String key, Spec spec) {
            // A default that fails its own check is a programming error in the family, caught at class load.
            spec.canonical(family, key, spec.defaultValue());
            if (specs.putIfAbsent(key, spec) != null) {
                throw new IllegalArgumentException("hyperparameter '" + key + "' declared twice for " + family);
            }
            return this;
        }

        HyperparameterSchema build() {
            return new HyperparameterSchema(family, specs);
        }
    }
}
