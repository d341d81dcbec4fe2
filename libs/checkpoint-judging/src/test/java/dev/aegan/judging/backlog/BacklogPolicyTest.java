package dev.aegan.judging.backlog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which of the checkpoints waiting are judged and which are passed over, and why. */
class BacklogPolicyTest {
    private static final Verdict JUDGE = new Verdict.Judge();

    private static PendingCheckpoint newest(String run, long step) {
        return new PendingCheckpoint(run, step, false, false);
    }

    private static PendingCheckpoint last(String run, long step) {
        return new PendingCheckpoint(run, step, true, false);
    }

    private static PendingCheckpoint every(String run, long step) {
        return new PendingCheckpoint(run, step, false, true);
    }

    @Test
    void aRunsStaleCheckpointsAreSupersededByItsNewestWhichIsJudged() {
        assertEquals(List.of(new Verdict.Supersede(300), new Verdict.Supersede(300), JUDGE),
                new BacklogPolicy(1).decide(List.of(newest("a", 100), newest("a", 200), newest("a", 300))));
        assertEquals("superseded by step 300", new Verdict.Supersede(300).message());
    }

    @Test
    void theFinalCheckpointIsJudgedEvenWithCheckpointsBehindIt() {
        // a resumed run announces again: the final checkpoint is judged whatever waits behind it
        assertEquals(List.of(new Verdict.Supersede(300), JUDGE, JUDGE),
                new BacklogPolicy(1).decide(List.of(newest("a", 100), last("a", 200), newest("a", 300))));
        assertEquals(List.of(new Verdict.Supersede(300), JUDGE),
                new BacklogPolicy(1).decide(List.of(newest("a", 200), last("a", 300))));
    }

    @Test
    void aRunThatAsksForEveryCheckpointHasEachJudged() {
        assertEquals(List.of(JUDGE, JUDGE, JUDGE),
                new BacklogPolicy(1).decide(List.of(every("s", 100), every("s", 200), every("s", 300))));
    }

    @Test
    void onlyNewerCheckpointsOfTheSameRunSupersede() {
        assertEquals(List.of(JUDGE, new Verdict.Supersede(200), JUDGE, JUDGE),
                new BacklogPolicy(1).decide(List.of(newest("a", 100), newest("b", 100), newest("b", 200),
                        every("c", 50))));
        // the same checkpoint announced again, or an older one, is not newer
        assertEquals(List.of(JUDGE, JUDGE), new BacklogPolicy(1).decide(List.of(newest("a", 200), newest("a", 200))));
        assertEquals(List.of(JUDGE, JUDGE), new BacklogPolicy(1).decide(List.of(newest("a", 200), newest("a", 100))));
    }

    @Test
    void aCheckpointIsSupersededOnlyOnceEnoughNewerOnesWait() {
        List<PendingCheckpoint> pending = List.of(newest("a", 100), newest("a", 200), newest("a", 300));
        assertEquals(List.of(new Verdict.Supersede(300), JUDGE, JUDGE), new BacklogPolicy(2).decide(pending));
        assertEquals(List.of(JUDGE, JUDGE, JUDGE), new BacklogPolicy(0).decide(pending));
        assertThrows(IllegalArgumentException.class, () -> new BacklogPolicy(-1));
    }

    @Test
    void nothingWaitingMeansNothingToDecide() {
        assertEquals(List.of(), new BacklogPolicy(1).decide(List.of()));
        assertEquals(JUDGE, new BacklogPolicy(1).verdict(newest("a", 100), List.of()));
    }
}
