package dev.aegan.studies.rules;

import dev.aegan.studies.json.Field;
import dev.aegan.studies.results.ResultTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * {@code metric} orders {@code groups}: strictly {@code increasing} (or {@code decreasing}) in the
 * order listed, in each of at least {@code minSeeds} seeds. Each group is one variant.
 */
public record OrderingRule(String metric, List<String> groups, boolean increasing, int minSeeds) implements Rule {

    static OrderingRule parse(Field claim) {
        claim.onlyFields(Set.of("id", "says", "rule", "metric", "groups", "order", "minSeeds"));
        Field order = claim.child("order");
        String direction = order.text();
        if (!direction.equals("increasing") && !direction.equals("decreasing")) {
            throw order.problem("must be increasing or decreasing, got '" + direction + "'");
        }
        Field groups = claim.child("groups");
        if (groups.elements().size() < 2) {
            throw groups.problem("an ordering needs at least two groups");
        }
        return new OrderingRule(claim.child("metric").text(), groups.texts(), direction.equals("increasing"),
                claim.child("minSeeds").positiveInt(1));
    }

    @Override
    public List<String> metrics() {
        return List.of(metric);
    }

    @Override
    public boolean needsSingleVariants() {
        return true;
    }

    @Override
    public Judgement judge(ResultTable table, PaperValues paper) {
        return EachSeed.judge(table, minSeeds, seed -> holdsAt(table, seed),
                EachSeed.spread(table, groups, metrics()));
    }

    private Optional<Boolean> holdsAt(ResultTable table, long seed) {
        List<Double> values = new ArrayList<>();
        for (String group : groups) {
            OptionalDouble value = table.last(group + "-1", seed, metric);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value.getAsDouble());
        }
        for (int i = 1; i < values.size(); i++) {
            if (increasing ? values.get(i) <= values.get(i - 1) : values.get(i) >= values.get(i - 1)) {
                return Optional.of(false);
            }
        }
        return Optional.of(true);
    }
}
