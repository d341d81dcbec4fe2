package dev.aegan.studies.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointLabelsTest {
    private static final Rectangle PLOT = new Rectangle(0, 0, 400, 300);

    @Test
    void aLoneLabelSitsRightAboveItsMark() {
        Rectangle box = new PointLabels(PLOT).place(40, 14, 100, 100, 5);
        assertEquals(new Rectangle(107, 81, 40, 14), box);
    }

    @Test
    void labelsOfMarksOnTopOfEachOtherDoNotOverlap() {
        PointLabels labels = new PointLabels(PLOT);
        List<Rectangle> boxes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boxes.add(labels.place(40, 14, 200, 150, 5));
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertFalse(boxes.get(i).intersects(boxes.get(j)), boxes.get(i) + " overlaps " + boxes.get(j));
            }
        }
    }

    @Test
    void aLabelAtThePlotsRightEdgeGoesLeftOfItsMark() {
        Rectangle box = new PointLabels(PLOT).place(40, 14, 395, 100, 5);
        assertTrue(PLOT.contains(box), box.toString());
        assertTrue(box.x + box.width < 395, box.toString());
    }

    @Test
    void aLabelInThePlotsTopRightCornerGoesLeftBelowItsMark() {
        // above is outside the plot, so is the right: left below is the first place wholly inside
        Rectangle box = new PointLabels(PLOT).place(40, 14, 395, 5, 5);
        assertEquals(new Rectangle(348, 10, 40, 14), box);
    }

    @Test
    void whenEveryPlaceIsTakenALabelGoesWhereItOverlapsLeast() {
        PointLabels labels = new PointLabels(PLOT);
        // another mark's label, covering half of the left-below place of the mark at (200, 100)
        assertEquals(new Rectangle(173, 105, 40, 14), labels.place(40, 14, 166, 124, 5));
        for (int i = 0; i < 5; i++) {
            labels.place(40, 14, 200, 100, 5);
        }
        // five labels took the five free places; the sixth label's places are all covered, left below least
        assertEquals(new Rectangle(153, 105, 40, 14), labels.place(40, 14, 200, 100, 5));
    }
}
