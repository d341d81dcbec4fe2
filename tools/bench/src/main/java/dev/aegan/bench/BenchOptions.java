package dev.aegan.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs; every option has a default, and an unknown one is an error. */
final class BenchOptions {
    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options come as --name value pairs; got '" + args[i] + "'");
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return new BenchOptions(values);
    }

    String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name, int defaultValue) {
        String value = values.get(name);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be an integer, got '" + value + "'");
        }
    }

    /** Fails on an option no benchmark read, so a misspelt one is not silently ignored. */
    void requireOnly(String... known) {
        for (String name : values.keySet()) {
            if (!List.of(known).contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: --"
                        + String.join(", --", known));
            }
        }
    }
}
