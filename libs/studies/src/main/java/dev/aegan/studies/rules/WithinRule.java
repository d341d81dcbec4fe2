package dev.aegan.studies.rules;

import dev.aegan.studies.json.Field;
import dev.aegan.studies.results.ResultTable;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The mean over seeds of {@code metric} for variant {@code variant} of {@code group} lies within
 * {@code tolerance} of the paper's value for it; at least {@code minSeeds} seeds must have a value.
 */
public record WithinRule(String metric, String group, int variant, double tolerance, int minSeeds)
        implements OneGroupRule {

    static WithinRule parse(Field claim) {
        claim.onlyFields(Set.of("id", "says", "rule", "metric", "group", "variant", "tolerance", "minSeeds"));
        return new WithinRule(claim.child("metric").text(), claim.child("group").text(),
                claim.child("variant").positiveInt(1),
                claim.child("tolerance").positiveNumber(), claim.child("minSeeds").positiveInt(1));
    }

    /** The series of the study the rule reads, which must exist and have a paper value. */
    public String series() {
        return group + "-" + variant;
    }

    @Override
    public Judgement judge(ResultTable table, PaperValues paper) {
        Spread ours = Spread.of(series(), metric, table.lastOverSeeds(series(), metric));
        Optional<PaperValues.PaperValue> reference = paper.of(series(), metric);
        if (reference.isEmpty()) {
            return new Judgement(Verdict.INCONCLUSIVE, "no paper value for " + series() + " " + metric, List.of(ours));
        }
        double paperValue = reference.get().value();
        String needs = "tolerance " + tolerance + ", needs at least " + minSeeds + " seeds";
        if (ours.seeds() < minSeeds) {
            return new Judgement(Verdict.INCONCLUSIVE, ours.seeds() + " seeds have a value vs the paper's " + paperValue
                    + " (" + reference.get().source() + "); " + needs, List.of(ours));
        }
        double gap = ours.mean() - paperValue;
        String reason = "mean " + ours.mean() + " over " + ours.seeds() + " seeds vs the paper's " + paperValue
                + " (" + reference.get().source() + "): off by " + gap + "; " + needs;
        Verdict verdict = Math.abs(gap) <= tolerance ? Verdict.REPRODUCED : Verdict.NOT_REPRODUCED;
        return new Judgement(verdict, reason, List.of(ours));
    }
}
