package dev.aegan.studies.rules;

import dev.aegan.studies.results.ResultTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The reading shared by the rules that must hold "in each of at least k seeds": a seed where the
 * rule fails makes the claim not reproduced; otherwise it is reproduced when at least k seeds had
 * every value the rule needs, and inconclusive when fewer did.
 */
final class EachSeed {

    private EachSeed() {
    }

    /** @param holdsAt whether the rule holds at a seed; empty when a value it needs is missing */
    static Judgement judge(ResultTable table, int minSeeds, LongFunction<Optional<Boolean>> holdsAt, List<Spread> spread) {
        List<Long> holding = new ArrayList<>();
        List<Long> failing = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        for (long seed : table.seeds()) {
            Optional<Boolean> holds = holdsAt.apply(seed);
            (holds.isEmpty() ? missing : holds.get() ? holding : failing).add(seed);
        }
        String counts = "holds in seeds " + holding + ", fails in " + failing + ", values missing in " + missing
                + "; needs at least " + minSeeds + " seeds holding and none failing";
        Verdict verdict = !failing.isEmpty() ? Verdict.NOT_REPRODUCED
                : holding.size() >= minSeeds ? Verdict.REPRODUCED : Verdict.INCONCLUSIVE;
        return new Judgement(verdict, counts, spread);
    }

    /** The spread over seeds of {@code metric} for every variant of each group. */
    static List<Spread> spread(ResultTable table, List<String> groups, List<String> metrics) {
        List<Spread> spread = new ArrayList<>();
        for (String group : groups) {
            table.variants(group).forEach(run -> metrics.forEach(metric -> spread.add(
                    Spread.of(run.series(), metric, table.lastOverSeeds(run.series(), metric)))));
        }
        return spread;
    }
}
