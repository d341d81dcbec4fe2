package dev.aegan.studies.rules;

import dev.aegan.studies.json.Field;
import dev.aegan.studies.results.ResultTable;

import java.util.List;
import java.util.Set;

/**
 * {@code metric} strictly {@code rises} (or {@code falls}) as the group's swept {@code parameter}
 * grows, in each of at least {@code minSeeds} seeds.
 */
public record MonotoneRule(String metric, String group, String parameterName, boolean rises, int minSeeds)
        implements SweptRule {

    static MonotoneRule parse(Field claim) {
        claim.onlyFields(Set.of("id", "says", "rule", "metric", "group", "parameter", "direction", "minSeeds"));
        Field direction = claim.child("direction");
        String way = direction.text();
        if (!way.equals("rises") && !way.equals("falls")) {
            throw direction.problem("must be rises or falls, got '" + way + "'");
        }
        return new MonotoneRule(claim.child("metric").text(), claim.child("group").text(),
                claim.child("parameter").text(), way.equals("rises"), claim.child("minSeeds").positiveInt(1));
    }

    @Override
    public Judgement judge(ResultTable table, PaperValues paper) {
        return EachSeed.judge(table, minSeeds, seed -> SweptValues.at(table, group, parameterName, metric, seed)
                .map(this::monotone), EachSeed.spread(table, groups(), metrics()));
    }

    private boolean monotone(List<Double> values) {
        for (int i = 1; i < values.size(); i++) {
            if (rises ? values.get(i) <= values.get(i - 1) : values.get(i) >= values.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
