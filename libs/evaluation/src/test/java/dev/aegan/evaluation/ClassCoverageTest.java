package dev.aegan.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassCoverageTest {

    /** N samples over K classes, {@code perClass[c]} of them most probably of class c. */
    private static FeatureMatrix predictions(int... perClass) {
        int classes = perClass.length;
        int rows = java.util.Arrays.stream(perClass).sum();
        double[] p = new double[rows * classes];
        int row = 0;
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass[c]; i++, row++) {
                java.util.Arrays.fill(p, row * classes, (row + 1) * classes, 0.5 / classes);
                p[row * classes + c] += 0.5;
            }
        }
        return new FeatureMatrix(rows, classes, p);
    }

    @Test
    void aClassCountsOnceAQuarterOfItsFairShareOfSamplesHitIt() {
        // 40 samples over 4 classes: a fair share is 10, a quarter of it 2.5, so 3 samples count and 2 do not.
        assertEquals(1.0, ClassCoverage.of(predictions(10, 10, 10, 10)), 1e-12);
        assertEquals(0.75, ClassCoverage.of(predictions(20, 15, 3, 2)), 1e-12);
        assertEquals(0.25, ClassCoverage.of(predictions(40, 0, 0, 0)), 1e-12);
    }

    @Test
    void aTieGoesToTheLowerClass() {
        double[] even = {0.5, 0.5};
        assertEquals(0.5, ClassCoverage.of(new FeatureMatrix(1, 2, even)), 1e-12);
    }

    @Test
    void needsSamplesAndClasses() {
        assertThrows(IllegalArgumentException.class, () -> ClassCoverage.of(new FeatureMatrix(0, 3, new double[0])));
    }
}
