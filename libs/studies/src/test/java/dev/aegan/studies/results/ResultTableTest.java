package dev.aegan.studies.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aegan.contracts.events.EvaluationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void theTableReadsEachRunsLastJudgedStepAndTheLaterOfTwoRowsForOneStep() {
        ResultTable table = new SyntheticResults().run("a", 1, Map.of(), 1)
                .value("a", 1, 1, "fid@c", 200, 5.0)
                .value("a", 1, 1, "fid@c", 100, 9.0)
                .value("a", 1, 1, "fid@c", 200, 4.0)
                .table();
        assertEquals(4.0, table.last("a-1", 1, "fid@c").getAsDouble());
        assertEquals(Map.of(100L, 9.0, 200L, 4.0), table.curve("a-1", 1, "fid@c"));
    }

    @Test
    void rowsOfRunsTheStudyDidNotPlanAreIgnored() {
        SyntheticResults results = new SyntheticResults().run("a", 1, Map.of(), 1).values("a", 1, "fid@c", 3.0);
        List<EvaluationEvent> rows = new ArrayList<>(results.rows());
        rows.add(new EvaluationEvent(EvaluationEvent.SCHEMA, "someone-elses-run", null, 100, "fid@c", 1.0, "c", 1,
                "metrics-service", Instant.EPOCH));
        ResultTable table = ResultTable.of(Map.of("s.a-1-s1", new RunCoordinates("a", 1, 1, Map.of())), rows);
        assertEquals(List.of(3.0), table.lastOverSeeds("a-1", "fid@c"));
        assertTrue(table.last("a-1", 2, "fid@c").isEmpty());
    }
}
