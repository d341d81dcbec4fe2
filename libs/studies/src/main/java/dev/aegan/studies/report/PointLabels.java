package dev.aegan.studies.report;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes labels beside round marks so that they do not cover one another: each label goes to the first
 * of six places around its mark (right above, right below, left above, left below, then centred a row
 * further above and below) that overlaps no label placed before and stays inside the plot, or, when every
 * place is taken, to the one that overlaps least.
 */
final class PointLabels {
    private static final int GAP = 2;

    private final Rectangle plot;
    private final List<Rectangle> placed = new ArrayList<>();

    PointLabels(Rectangle plot) {
        this.plot = plot;
    }

    /** Draws {@code text} beside the mark of {@code radius} pixels centred at ({@code x}, {@code y}). */
    void draw(Graphics2D graphics, String text, int x, int y, int radius) {
        FontMetrics metrics = graphics.getFontMetrics();
        Rectangle box = place(metrics.stringWidth(text), metrics.getAscent() + metrics.getDescent(), x, y, radius);
        graphics.drawString(text, box.x, box.y + metrics.getAscent());
    }

    /**
     * The box, {@code width} by {@code height}, chosen for a label of the mark at ({@code x}, {@code y}); it
     * counts as placed.
     */
    Rectangle place(int width, int height, int x, int y, int radius) {
        int right = x + radius + GAP;
        int left = x - radius - GAP - width;
        int above = y - radius - height;
        int below = y + radius;
        List<Rectangle> candidates = List.of(
                new Rectangle(right, above, width, height),
                new Rectangle(right, below, width, height),
                new Rectangle(left, above, width, height),
                new Rectangle(left, below, width, height),
                new Rectangle(x - width / 2, above - height - GAP, width, height),
                new Rectangle(x - width / 2, below + height + GAP, width, height));
        Rectangle best = null;
        long bestCost = Long.MAX_VALUE;
        for (Rectangle candidate : candidates) {
            long cost = outside(candidate);
            for (Rectangle other : placed) {
                cost += area(candidate.intersection(other));
            }
            if (cost < bestCost) {
                best = candidate;
                bestCost = cost;
            }
        }
        placed.add(best);
        return best;
    }

    /** The label's area outside the plot, weighed like an overlap. */
    private long outside(Rectangle box) {
        return (long) box.width * box.height - area(box.intersection(plot));
    }

    private static long area(Rectangle box) {
        return box.isEmpty() ? 0 : (long) box.width * box.height;
    }
}
