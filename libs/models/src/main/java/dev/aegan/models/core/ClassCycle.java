package dev.aegan.models.core;

/**
 * Labels for sampling a conditional model (see {@code GenerativeModel.classes()}) so that every
 * class is drawn equally often, whatever the batch boundaries.
 */
public final class ClassCycle {

    private ClassCycle() {
    }

    /** Labels of rows {@code first .. first + n - 1}: row r gets class {@code r mod classes}; null when classes is 0. */
    public static int[] rows(int first, int n, int classes) {
        if (classes == 0) {
            return null;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = Math.floorMod(first + i, classes);
        }
        return labels;
    }

    /** Labels of an image grid {@code columns} wide: grid row r is class {@code r mod classes}; null when classes is 0. */
    public static int[] gridRows(int n, int columns, int classes) {
        if (classes == 0) {
            return null;
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i / columns) % classes;
        }
        return labels;
    }
}
