package dev.aegan.studies.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.results.SyntheticResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule on made-up evaluation rows: a reproduced, a not reproduced and an inconclusive case. */
class RulesTest {

    private static final double NONE = Double.NaN;
    private static final PaperValues NO_PAPER = new PaperValues(Map.of());

    @Nested
    class Ordering {
        private final OrderingRule rule = new OrderingRule("m", List.of("a", "b", "c"), true, 3);

        private ResultTable table(double[] a, double[] b, double[] c) {
            return new SyntheticResults().run("a", 1, Map.of(), 1, 2, 3).run("b", 1, Map.of(), 1, 2, 3)
                    .run("c", 1, Map.of(), 1, 2, 3).values("a", 1, "m", a).values("b", 1, "m", b)
                    .values("c", 1, "m", c).table();
        }

        @Test
        void holdsInEverySeed() {
            Judgement judgement = rule.judge(table(new double[] {1, 1, 1}, new double[] {2, 3, 2},
                    new double[] {3, 4, 5}), NO_PAPER);
            assertEquals(Verdict.REPRODUCED, judgement.verdict());
            // numpy: np.mean([2, 3, 2]), np.std([2, 3, 2], ddof=1)
            Spread b = judgement.spread().get(1);
            assertEquals("b-1", b.series());
            assertEquals(3, b.seeds());
            assertEquals(2.3333333333333335, b.mean(), 1e-12);
            assertEquals(0.5773502691896258, b.sd(), 1e-12);
        }

        @Test
        void oneSeedOutOfOrderIsNotReproduced() {
            assertEquals(Verdict.NOT_REPRODUCED, rule.judge(table(new double[] {1, 1, 1}, new double[] {2, 3, 2},
                    new double[] {3, 2.5, 5}), NO_PAPER).verdict());
        }

        @Test
        void aTieIsNoOrdering() {
            assertEquals(Verdict.NOT_REPRODUCED, rule.judge(table(new double[] {1, 1, 1}, new double[] {2, 3, 2},
                    new double[] {3, 3, 5}), NO_PAPER).verdict());
        }

        @Test
        void fewerSeedsWithEveryValueThanDeclaredIsInconclusive() {
            assertEquals(Verdict.INCONCLUSIVE, rule.judge(table(new double[] {1, 1, 1}, new double[] {2, 3, 2},
                    new double[] {3, 4, NONE}), NO_PAPER).verdict());
        }
    }

    /** lambda listed out of order on purpose: the rules sort the variants by the parameter. */
    private static SyntheticResults sweep(double[] at09, double[] at01, double[] at05) {
        return new SyntheticResults().run("g", 1, Map.of("lambda", 0.9), 1, 2, 3)
                .run("g", 2, Map.of("lambda", 0.1), 1, 2, 3).run("g", 3, Map.of("lambda", 0.5), 1, 2, 3)
                .values("g", 1, "m", at09).values("g", 2, "m", at01).values("g", 3, "m", at05);
    }

    @Nested
    class Monotone {
        private final MonotoneRule rises = new MonotoneRule("m", "g", "lambda", true, 3);

        @Test
        void risingWithTheParameterInEverySeed() {
            assertEquals(Verdict.REPRODUCED, rises.judge(sweep(new double[] {9, 8, 7}, new double[] {1, 2, 3},
                    new double[] {5, 5, 5}).table(), NO_PAPER).verdict());
        }

        @Test
        void fallingIsNotRising() {
            ResultTable table = sweep(new double[] {1, 1, 1}, new double[] {9, 9, 9}, new double[] {5, 5, 5}).table();
            assertEquals(Verdict.NOT_REPRODUCED, rises.judge(table, NO_PAPER).verdict());
            assertEquals(Verdict.REPRODUCED, new MonotoneRule("m", "g", "lambda", false, 3).judge(table, NO_PAPER).verdict());
        }

        @Test
        void aMissingVariantLeavesTooFewSeeds() {
            assertEquals(Verdict.INCONCLUSIVE, rises.judge(sweep(new double[] {9, 8, 7}, new double[] {1, 2, 3},
                    new double[] {5, NONE, 5}).table(), NO_PAPER).verdict());
        }
    }

    @Nested
    class Flat {
        private final FlatRule rule = new FlatRule("m", "g", "lambda", 1.0, 3);

        @Test
        void withinTheToleranceInEverySeed() {
            assertEquals(Verdict.REPRODUCED, rule.judge(sweep(new double[] {5.9, 5, 5}, new double[] {5, 5.5, 5},
                    new double[] {5.5, 5, 5.2}).table(), NO_PAPER).verdict());
        }

        @Test
        void aChangeOfTheToleranceOrMoreIsNotFlat() {
            assertEquals(Verdict.NOT_REPRODUCED, rule.judge(sweep(new double[] {6, 5, 5}, new double[] {5, 5.5, 5},
                    new double[] {5.5, 5, 5.2}).table(), NO_PAPER).verdict());
        }

        @Test
        void twoSeedsWhereThreeAreDeclaredIsInconclusive() {
            assertEquals(Verdict.INCONCLUSIVE, rule.judge(sweep(new double[] {5, 5}, new double[] {5, 5.5},
                    new double[] {5.5, 5}).table(), NO_PAPER).verdict());
        }
    }

    @Nested
    class FrontDominates {
        // fid: lower is better; reconstruction_psnr: higher is better (MetricNames.direction)
        private final FrontDominatesRule rule = new FrontDominatesRule("fid@c", "reconstruction_psnr", "a", "b", 2);

        private SyntheticResults points(double[][] a, double[][] b, int seeds) {
            SyntheticResults results = new SyntheticResults();
            for (int v = 0; v < a.length; v++) {
                results.run("a", v + 1, Map.of("lambda", v), 1, 2);
                results.run("b", v + 1, Map.of("lambda", v), 1, 2);
                for (int seed = 1; seed <= seeds; seed++) {
                    results.value("a", v + 1, seed, "fid@c", 100, a[v][0]).value("a", v + 1, seed, "reconstruction_psnr", 100, a[v][1]);
                    results.value("b", v + 1, seed, "fid@c", 100, b[v][0]).value("b", v + 1, seed, "reconstruction_psnr", 100, b[v][1]);
                }
            }
            return results;
        }

        @Test
        void everyPointOfTheJointFrontIsTheBetterGroups() {
            assertEquals(Verdict.REPRODUCED, rule.judge(points(new double[][] {{10, 20}, {20, 30}},
                    new double[][] {{12, 19}, {25, 29}}, 2).table(), NO_PAPER).verdict());
        }

        @Test
        void onePointOfTheOtherGroupOnTheFrontIsNoDomination() {
            // b's (5, 10) has the best fid of all: it is on the joint front
            assertEquals(Verdict.NOT_REPRODUCED, rule.judge(points(new double[][] {{10, 20}, {20, 30}},
                    new double[][] {{5, 10}, {25, 29}}, 2).table(), NO_PAPER).verdict());
        }

        @Test
        void oneSeedWhereTwoAreDeclaredIsInconclusive() {
            assertEquals(Verdict.INCONCLUSIVE, rule.judge(points(new double[][] {{10, 20}, {20, 30}},
                    new double[][] {{12, 19}, {25, 29}}, 1).table(), NO_PAPER).verdict());
        }
    }

    @Nested
    class Within {
        private final WithinRule rule = new WithinRule("m", "g", 1, 0.5, 2);
        private final PaperValues paper = new PaperValues(Map.of("g-1", Map.of("m",
                new PaperValues.PaperValue(10, "Table 1"))));

        private ResultTable table(double... bySeed) {
            return new SyntheticResults().run("g", 1, Map.of(), 1, 2, 3).values("g", 1, "m", bySeed).table();
        }

        @Test
        void theMeanOverSeedsWithinTheTolerance() {
            assertEquals(Verdict.REPRODUCED, rule.judge(table(9.8, 10.6, 10.3), paper).verdict());
        }

        @Test
        void theMeanOutsideTheTolerance() {
            assertEquals(Verdict.NOT_REPRODUCED, rule.judge(table(10.4, 10.8, 10.5), paper).verdict());
        }

        @Test
        void oneSeedWhereTwoAreDeclaredIsInconclusive() {
            assertEquals(Verdict.INCONCLUSIVE, rule.judge(table(10, NONE, NONE), paper).verdict());
            assertEquals(Verdict.INCONCLUSIVE, rule.judge(table(10, 10, 10), NO_PAPER).verdict());
        }
    }
}
