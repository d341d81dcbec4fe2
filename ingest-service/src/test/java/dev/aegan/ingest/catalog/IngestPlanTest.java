package dev.aegan.ingest.catalog;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.Split;
import dev.aegan.ingest.domain.Candidate;
import dev.aegan.ingest.domain.DatasetState;
import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.ResizePolicy;
import dev.aegan.ingest.domain.Shape;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.aegan.ingest.RejectionAssert.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngestPlanTest {
    private static final HeldOutSplit NEVER = new HeldOutSplit(0);

    private static Candidate image(int channels, int height, int width) {
        return Candidate.unlabelled(new Image(new Shape(channels, height, width), new byte[channels * height * width]), "t");
    }

    @Test
    void theFirstImageFixesTheShapeAndAMismatchChangesNothing() {
        IngestPlan plan = new IngestPlan(name -> Optional.empty(), NEVER);
        plan.accept("d", image(1, 4, 4));
        assertCode(RejectionCode.WRONG_SHAPE, () -> plan.accept("d", image(3, 4, 4)));
        AcceptedImage fitted = plan.accept("d", image(3, 8, 8).withResize(ResizePolicy.FIT));
        DatasetChange change = plan.changes().get(0);
        assertTrue(change.created());
        assertEquals(new Shape(1, 4, 4), change.after().shape());
        assertEquals(2, change.after().count(Split.TRAIN));
        assertEquals(2, change.acceptedCount(Split.TRAIN));
        assertEquals(new Shape(1, 4, 4), fitted.shape());
        assertEquals(16, fitted.pixels().length, "fitted to 1x4x4");
    }

    @Test
    void committedStateIsTheStartingPoint() {
        DatasetState committed = new DatasetState("d", new Shape(1, 2, 2), Map.of(Split.TRAIN, 5L, Split.HELDOUT, 1L),
                List.of("cat", "dog"), false);
        IngestPlan plan = new IngestPlan(name -> Optional.of(committed), NEVER);
        assertCode(RejectionCode.WRONG_SHAPE, () -> plan.accept("d", image(1, 3, 3)));
        assertCode(RejectionCode.INVALID_LABEL, () -> plan.accept("d", image(1, 2, 2).withLabel(2)));
        plan.registerLabelNames("d", List.of("emu", "ant", "dog"));
        AcceptedImage ant = plan.accept("d", image(1, 2, 2).withLabelName("ant"));
        AcceptedImage heldOut = plan.accept("d", image(1, 2, 2).withLabel(3).withSplit(Optional.of(Split.HELDOUT)));
        DatasetChange change = plan.changes().get(0);
        assertEquals(List.of("cat", "dog", "ant", "emu"), change.after().labelNames());
        assertEquals(2, ant.label());
        assertEquals(Split.HELDOUT, heldOut.split());
        assertEquals(Map.of(Split.TRAIN, 6L, Split.HELDOUT, 2L), change.after().counts());
        assertEquals(Map.of(Split.TRAIN, 1L, Split.HELDOUT, 1L), change.accepted());
    }

    @Test
    void aSealedDatasetTakesNoImages() {
        DatasetState sealed = new DatasetState("d", new Shape(1, 2, 2), Map.of(), List.of(), true);
        IngestPlan plan = new IngestPlan(name -> Optional.of(sealed), NEVER);
        assertCode(RejectionCode.DATASET_SEALED, () -> plan.accept("d", image(1, 2, 2)));
        assertTrue(plan.changes().isEmpty());
    }
}
