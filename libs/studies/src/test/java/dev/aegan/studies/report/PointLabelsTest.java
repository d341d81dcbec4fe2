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
    void whenEveryPlaceIsTakenALabelGoesWhereItOverlapsLeast() {
        PointLabels labels = new PointLabels(PLOT);
        for (int i = 0; i < 6; i++) {
            labels.place(40, 14, 200, 150, 5);
        }
        // a seventh label of the same mark: every place is taken once, so it lands on one of them, not outside
        Rectangle seventh = labels.place(40, 14, 200, 150, 5);
        assertTrue(PLOT.contains(seventh), seventh.toString());
    }
}
