package dev.aegan.models.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.ConfigRecord;
import dev.aegan.models.api.ConfigRecord.Declaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's hyperparameter tables are derived from the {@code @Hyperparameter} declarations of the
 * families' config records: this test fails when one is stale, and rewrites them when run with
 * {@code -Dreadme.write=true}.
 */
class HyperparameterTablesTest {

    private static final Path README = Path.of("README.md");
    private static final String HEADER = "| hyperparameter | default | range | meaning |\n|---|---|---|---|\n";
    /** A family section's heading names its package, e.g. {@code ## WAE (`dev.aegan.models.wae`)}. */
    private static final Pattern TABLE = Pattern.compile(
            "^## [^\\n]*\\(`dev\\.aegan\\.models\\.(\\w+)`\\)\\n(?:(?!## )[^\\n]*\\n)*?(" + Pattern.quote(HEADER)
                    + "(?:\\|[^\\n]*\\n)*)", Pattern.MULTILINE);

    @Test
    void readmeTablesAreTheDeclaredHyperparameters() throws IOException {
        Map<String, String> generated = tablesByPackage();
        String readme = Files.readString(README);
        StringBuilder rewritten = new StringBuilder();
        List<String> documented = new ArrayList<>();
        Matcher table = TABLE.matcher(readme);
        int end = 0;
        while (table.find()) {
            String pkg = table.group(1);
            documented.add(pkg);
            rewritten.append(readme, end, table.start(2)).append(generated.get(pkg));
            end = table.end(2);
        }
        rewritten.append(readme.substring(end));
        if (Boolean.getBoolean("readme.write")) {
            Files.writeString(README, rewritten.toString());
        }
        assertFalse(documented.isEmpty(), "no hyperparameter table found in " + README.toAbsolutePath());
        assertEquals(readme, rewritten.toString(), "README.md's hyperparameter tables are stale: rerun this test with "
                + "-Dreadme.write=true and commit the result");
    }

    /** Per family package, the table of its config record, over the families that share it. */
    static Map<String, String> tablesByPackage() {
        Map<ConfigRecord<?>, List<String>> families = new LinkedHashMap<>();
        Map<Class<?>, ConfigRecord<?>> byType = new LinkedHashMap<>();
        for (String name : ModelRegistry.names()) {
            ConfigRecord<?> config = ((AbstractModelFamily<?>) ModelRegistry.family(name)).config();
            ConfigRecord<?> shared = byType.computeIfAbsent(config.type(), type -> config);
            families.computeIfAbsent(shared, c -> new ArrayList<>()).add(name);
        }
        Map<String, String> tables = new LinkedHashMap<>();
        families.forEach((config, names) -> tables.put(config.type().getPackageName().replaceFirst(".*\\.", ""),
                table(config, names)));
        return tables;
    }

    static String table(ConfigRecord<?> config, List<String> families) {
        return HEADER + config.declarations().stream().map(d -> row(d, families)).collect(Collectors.joining());
    }

    private static String row(Declaration declaration, List<String> families) {
        List<String> accepting = families.stream().filter(declaration::appliesTo).toList();
        String meaning = declaration.spec().doc();
        if (accepting.size() < families.size()) {
            meaning += "; " + quoted(accepting.stream()) + " only";
        }
        return "| `" + declaration.key() + "` | " + defaults(declaration, accepting) + " | " + range(declaration) + " | "
                + meaning + " |\n";
    }

    private static String defaults(Declaration declaration, List<String> families) {
        List<String> values = families.stream().map(declaration::defaultText).distinct().toList();
        if (values.size() == 1) {
            return value(declaration, values.get(0));
        }
        return families.stream().map(f -> value(declaration, declaration.defaultText(f)) + " (`" + f + "`)")
                .collect(Collectors.joining(", "));
    }

    private static String value(Declaration declaration, String text) {
        return declaration.type() == String.class ? "`" + text + "`" : text;
    }

    private static String range(Declaration declaration) {
        if (declaration.type() == boolean.class) {
            return "true/false";
        }
        if (declaration.type() == String.class) {
            return quoted(Stream.of(declaration.spec().choices()));
        }
        return declaration.spec().range();
    }

    private static String quoted(Stream<String> names) {
        return names.map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }
}
