package dev.aegan.studies.rules;

import dev.aegan.studies.json.Field;
import dev.aegan.studies.results.ResultTable;

import java.util.Collections;
import java.util.Set;

/**
 * {@code metric} changes by less than {@code tolerance} (largest minus smallest value) across the
 * group's swept {@code parameter}, in each of at least {@code minSeeds} seeds.
 */
public record FlatRule(String metric, String group, String parameterName, double tolerance, int minSeeds)
        implements SweptRule {

    static FlatRule parse(Field claim) {
        claim.onlyFields(Set.of("id", "says", "rule", "metric", "group", "parameter", "tolerance", "minSeeds"));
        return new FlatRule(claim.child("metric").text(), claim.child("group").text(),
                claim.child("parameter").text(),
                claim.child("tolerance").positiveNumber(), claim.child("minSeeds").positiveInt(1));
    }

    @Override
    public Judgement judge(ResultTable table, PaperValues paper) {
        return EachSeed.judge(table, minSeeds, seed -> SweptValues.at(table, group, parameterName, metric, seed)
                .map(values -> Collections.max(values) - Collections.min(values) < tolerance),
                EachSeed.spread(table, groups(), metrics()));
    }
}
