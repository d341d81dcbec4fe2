package dev.aegan.studies.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.models.core.ImageShape;
import dev.aegan.studies.appendixb.AppendixBFits;
import dev.aegan.studies.json.Field;
import dev.aegan.studies.json.StudyFileException;
import dev.aegan.studies.rules.PaperValues;
import dev.aegan.studies.rules.Rule;
import dev.aegan.studies.rules.RuleKinds;
import dev.aegan.studies.rules.WithinRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads and validates study files ({@code studies/<name>.json}). Everything is checked before a
 * study can run: the fields, the run options against the model registry (or the toy's), both
 * profiles, the run ids the planner will give, the metric names, the paper's values and each claim's
 * rule. An error is a {@link StudyFileException} naming the file, the path in it and the problem.
 * The format is README's "Studies".
 */
public final class StudyFiles {

    private static final Set<String> FIELDS = Set.of("study", "title", "paper", "runner", "dataset", "imageShape",
            "groups", "profiles", "metrics", "reference", "claims", "figure");
    /** {@code <study>.<group>-<variant>-s<seed>} must be a run id: at most 63 characters. */
    private static final int MAX_RUN_ID = 63;

    private StudyFiles() {
    }

    /** Every {@code *.json} in {@code folder}, by name. */
    public static Map<String, Study> readAll(Path folder) {
        Map<String, Study> studies = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(file -> file.toString().endsWith(".json")).sorted().map(StudyFiles::read)
                    .forEach(study -> studies.put(study.name(), study));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the studies in " + folder, e);
        }
        return studies;
    }

    public static Study read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read study file " + file, e);
        }
    }

    /** A study file sent as a JSON object (e.g. in a study request); errors name it {@code <its study field>.json}. */
    public static Study parse(JsonNode study) {
        return parse(study.path("study").asText("") + ".json", study.toString());
    }

    /** @param file the file's name, {@code <study>.json}, which errors name */
    public static Study parse(String file, String json) {
        JsonNode root;
        try {
            root = EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StudyFileException(file, "", "is not valid JSON: " + e.getOriginalMessage());
        }
        Field study = new Field(file, "", root).onlyFields(FIELDS);
        String name = study.child("study").text();
        if (!Identifiers.isValid(name) || !file.equals(name + ".json")) {
            throw study.child("study").problem("'" + name + "' must be a valid id (" + Identifiers.class.getSimpleName()
                    + ") and the file must be named after it, " + name + ".json");
        }
        Runner runner = runner(study.child("runner"));
        String dataset = runner == Runner.SERVICES ? study.child("dataset").text() : study.child("dataset").optionalText().orElse("");
        List<Group> groups = groups(study.child("groups"), runner);
        Map<String, Profile> profiles = profiles(study.child("profiles"), runner);
        if (runner == Runner.SERVICES) {
            ImageShape shape = shape(study.child("imageShape"));
            for (int i = 0; i < groups.size(); i++) {
                for (Profile profile : profiles.values()) {
                    ServiceRunOptions.check(study.child("groups").elements().get(i), groups.get(i), profile, shape);
                }
            }
            checkFamilies(study.child("profiles"), profiles, groups);
        }
        checkRunIds(study.child("groups"), name, groups, profiles);
        List<String> metrics = metrics(study.child("metrics"), runner);
        PaperValues paper = paperValues(study.child("reference"), groups, metrics);
        List<Claim> claims = claims(study.child("claims"), groups, metrics, paper);
        Figure figure = figure(study.child("figure"), groups, metrics);
        return new Study(name, study.child("title").text(), study.child("paper").text(), runner, dataset, groups,
                profiles, metrics, paper, claims, figure);
    }

    private static Runner runner(Field field) {
        String name = field.optionalText().orElse(Runner.SERVICES.fileName());
        return Arrays.stream(Runner.values()).filter(r -> r.fileName().equals(name)).findFirst().orElseThrow(
                () -> field.problem("unknown runner '" + name + "'; known: services, appendix-b"));
    }

    private static ImageShape shape(Field field) {
        List<Field> sizes = field.elements();
        if (sizes.size() != 3) {
            throw field.problem("must be [channels, height, width] of the dataset's images");
        }
        return new ImageShape(sizes.get(0).positiveInt(), sizes.get(1).positiveInt(), sizes.get(2).positiveInt());
    }

    private static List<Group> groups(Field field, Runner runner) {
        List<Group> groups = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Field group : field.elements()) {
            group.onlyFields(Set.of("name", "spec", "vary"));
            String name = group.child("name").text();
            if (!Identifiers.isValid(name) || !names.add(name)) {
                throw group.child("name").problem("'" + name + "' must be a valid id, once per study");
            }
            Field spec = group.child("spec");
            if (runner == Runner.SERVICES) {
                spec.onlyFields(ServiceRunOptions.GROUP_SPEC_FIELDS);
                ServiceRunOptions.family(spec.child("model"));
            } else {
                spec.onlyFields(Set.of("divergence"));
                String divergence = spec.child("divergence").text();
                if (!AppendixBFits.divergences().contains(divergence)) {
                    throw spec.child("divergence").problem("unknown divergence '" + divergence + "'; known: "
                            + AppendixBFits.divergences());
                }
            }
            Map<String, List<Object>> vary = new LinkedHashMap<>();
            if (group.child("vary").present()) {
                group.child("vary").entries().forEach((parameter, values) -> vary.put(parameter,
                        values.elements().stream().map(v -> EventJson.MAPPER.convertValue(v.node(), Object.class)).toList()));
            }
            groups.add(new Group(name, spec.objectNode(), vary));
        }
        return groups;
    }

    private static Map<String, Profile> profiles(Field field, Runner runner) {
        field.onlyFields(Set.copyOf(Study.PROFILES));
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (String name : Study.PROFILES) {
            Field profile = field.child(name).required();
            profile.onlyFields(runner == Runner.SERVICES ? ServiceRunOptions.PROFILE_FIELDS : Set.of("seeds", "scale"));
            List<Long> seeds = profile.child("seeds").elements().stream().map(seed -> (long) seed.positiveInt()).toList();
            if (Set.copyOf(seeds).size() != seeds.size()) {
                throw profile.child("seeds").problem("lists a seed twice");
            }
            if (runner == Runner.SERVICES) {
                for (String budget : List.of("steps", "batchSize", "checkpointEvery")) {
                    profile.child(budget).positiveInt();
                }
            } else if (!AppendixBFits.SCALES.contains(profile.child("scale").text())) {
                throw profile.child("scale").problem("must be one of " + AppendixBFits.SCALES);
            }
            profiles.put(name, new Profile(name, seeds, profile.objectNode()));
        }
        return profiles;
    }

    private static void checkFamilies(Field field, Map<String, Profile> profiles, List<Group> groups) {
        Set<String> models = new HashSet<>();
        groups.forEach(group -> models.add(group.spec().get("model").textValue()));
        for (Profile profile : profiles.values()) {
            Field byFamily = field.child(profile.name()).child("hyperparameters");
            if (byFamily.present()) {
                byFamily.entries().forEach((model, options) -> {
                    options.objectNode();
                    if (!models.contains(model)) {
                        throw options.problem("no group of the study trains '" + model + "'; its groups train " + models);
                    }
                });
            }
        }
    }

    private static void checkRunIds(Field field, String study, List<Group> groups, Map<String, Profile> profiles) {
        long largestSeed = profiles.values().stream().flatMap(p -> p.seeds().stream()).mapToLong(Long::longValue).max()
                .orElseThrow();
        for (Group group : groups) {
            String longest = study + "." + group.name() + "-" + group.variants().size() + "-s" + largestSeed;
            if (longest.length() > MAX_RUN_ID) {
                throw field.problem("run id '" + longest + "' has " + longest.length() + " characters; at most "
                        + MAX_RUN_ID + ": shorten the study or group name");
            }
        }
    }

    private static List<String> metrics(Field field, Runner runner) {
        List<String> metrics = field.texts();
        for (int i = 0; i < metrics.size(); i++) {
            String metric = metrics.get(i);
            boolean known = runner == Runner.SERVICES ? KnownMetrics.known(metric) : AppendixBFits.METRICS.contains(metric);
            if (!known) {
                throw field.elements().get(i).problem("'" + metric + "' is not a metric the runs publish; known: "
                        + (runner == Runner.SERVICES ? "MetricNames' names, as name or name@extractor" : AppendixBFits.METRICS));
            }
        }
        return metrics;
    }

    private static PaperValues paperValues(Field field, List<Group> groups, List<String> metrics) {
        Map<String, Map<String, PaperValues.PaperValue>> values = new LinkedHashMap<>();
        if (field.present()) {
            for (Field reference : field.elements()) {
                reference.onlyFields(Set.of("group", "variant", "metric", "value", "source"));
                String series = series(reference, groups);
                String metric = reference.child("metric").text();
                requireMetric(reference.child("metric"), metric, metrics);
                values.computeIfAbsent(series, s -> new LinkedHashMap<>()).put(metric,
                        new PaperValues.PaperValue(reference.child("value").number(), reference.child("source").text()));
            }
        }
        return new PaperValues(values);
    }

    private static String series(Field reference, List<Group> groups) {
        Group group = group(reference.child("group"), groups);
        int variant = reference.child("variant").positiveInt(1);
        if (variant > group.variants().size()) {
            throw reference.child("variant").problem("group " + group.name() + " has " + group.variants().size()
                    + " variants");
        }
        return group.name() + "-" + variant;
    }

    private static List<Claim> claims(Field field, List<Group> groups, List<String> metrics, PaperValues paper) {
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Field claim : field.elements()) {
            String id = claim.child("id").text();
            if (!ids.add(id)) {
                throw claim.child("id").problem("'" + id + "' names two claims");
            }
            Rule rule = RuleKinds.parse(claim);
            for (String name : rule.groups()) {
                Group group = groups.stream().filter(g -> g.name().equals(name)).findFirst()
                        .orElseThrow(() -> claim.problem("names group '" + name + "', which the study does not have"));
                if (rule.needsSingleVariants() && group.variants().size() != 1) {
                    throw claim.problem("group '" + name + "' varies " + group.vary().keySet() + "; this rule compares "
                            + "groups of one run per seed");
                }
                rule.parameter().ifPresent(parameter -> {
                    if (!group.vary().containsKey(parameter) || group.vary().size() != 1
                            || !group.vary().get(parameter).stream().allMatch(Number.class::isInstance)) {
                        throw claim.problem("group '" + name + "' must vary '" + parameter + "' alone, over numbers");
                    }
                });
            }
            rule.metrics().forEach(metric -> requireMetric(claim, metric, metrics));
            if (rule instanceof WithinRule within && paper.of(within.series(), within.metric()).isEmpty()) {
                throw claim.problem("the study declares no paper value for " + within.series() + " " + within.metric());
            }
            claims.add(new Claim(id, claim.child("says").text(), claim.child("rule").text(), rule));
        }
        return claims;
    }

    private static Figure figure(Field field, List<Group> groups, List<String> metrics) {
        field.onlyFields(Set.of("kind", "metrics", "groups"));
        String kind = field.child("kind").text();
        if (!Figure.KINDS.contains(kind)) {
            throw field.child("kind").problem("must be one of " + Figure.KINDS);
        }
        List<String> axes = field.child("metrics").texts();
        if (axes.size() != (kind.equals("frontier") ? 2 : 1)) {
            throw field.child("metrics").problem("a " + kind + " figure plots " + (kind.equals("frontier") ? 2 : 1)
                    + " metrics");
        }
        axes.forEach(metric -> requireMetric(field.child("metrics"), metric, metrics));
        List<String> names = field.child("groups").texts();
        names.forEach(name -> group(field.child("groups"), name, groups));
        return new Figure(kind, axes, names);
    }

    private static void requireMetric(Field where, String metric, List<String> metrics) {
        if (!metrics.contains(metric)) {
            throw where.problem("'" + metric + "' is not among the study's metrics " + metrics);
        }
    }

    private static Group group(Field field, List<Group> groups) {
        return group(field, field.text(), groups);
    }

    private static Group group(Field where, String name, List<Group> groups) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> where.problem("no group named '" + name + "' in the study"));
    }
}
