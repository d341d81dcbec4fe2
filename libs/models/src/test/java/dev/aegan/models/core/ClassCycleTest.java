package dev.aegan.models.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ClassCycleTest {

    @Test
    void rowsContinueTheCycleAcrossBatches() {
        assertArrayEquals(new int[] {0, 1, 2, 0, 1}, ClassCycle.rows(0, 5, 3));
        assertArrayEquals(new int[] {2, 0, 1}, ClassCycle.rows(5, 3, 3));
        assertNull(ClassCycle.rows(0, 5, 0), "an unconditional model gets no labels");
    }

    @Test
    void eachGridRowIsOneClass() {
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0, 0}, ClassCycle.gridRows(8, 3, 2));
        assertNull(ClassCycle.gridRows(8, 3, 0));
    }
}
