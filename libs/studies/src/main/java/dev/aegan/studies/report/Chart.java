package dev.aegan.studies.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A plot area drawn with Java2D: white background, title, two linear axes with five ticks each and a
 * legend; maps data to pixels. The figures draw their marks on {@link #graphics}.
 */
final class Chart {

    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 200;
    static final int TOP = 50;
    private static final int BOTTOM = 60;
    /** The legend's text column: from an entry's text to the image's right edge, less a margin. */
    private static final int LEGEND_TEXT_WIDTH = RIGHT - 38 - 6;
    private static final int SMALLEST_LEGEND_FONT = 9;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    private final Graphics2D graphics = image.createGraphics();
    private final double xLow;
    private final double xHigh;
    private final double yLow;
    private final double yHigh;

    /**
     * A chart whose axes span the given data ranges, widened by 5% but not across zero (or by 1 when a
     * range is one value);
     * {@code xTicks} false leaves the x axis unnumbered, for a figure that labels its own positions.
     */
    Chart(String title, String xLabel, String yLabel, double[] xRange, double[] yRange, boolean xTicks) {
        double[] x = padded(xRange);
        double[] y = padded(yRange);
        xLow = x[0];
        xHigh = x[1];
        yLow = y[0];
        yHigh = y[1];
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, WIDTH, HEIGHT);
        graphics.setColor(Color.BLACK);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        graphics.drawString(title, LEFT, 28);
        graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        graphics.drawRect(LEFT, TOP, plotWidth(), plotHeight());
        for (int i = 0; i <= 4; i++) {
            double xv = xLow + (xHigh - xLow) * i / 4;
            double yv = yLow + (yHigh - yLow) * i / 4;
            if (xTicks) {
                graphics.drawString(format(xv), x(xv) - 20, TOP + plotHeight() + 18);
                graphics.drawLine(x(xv), TOP + plotHeight(), x(xv), TOP + plotHeight() + 4);
            }
            graphics.drawString(format(yv), 8, y(yv) + 4);
            graphics.drawLine(LEFT - 4, y(yv), LEFT, y(yv));
        }
        graphics.drawString(xLabel, LEFT + plotWidth() / 2 - 60, HEIGHT - 15);
        graphics.drawString(yLabel, 8, TOP - 10);
    }

    Graphics2D graphics() {
        return graphics;
    }

    int x(double value) {
        return LEFT + (int) Math.round((value - xLow) / (xHigh - xLow) * plotWidth());
    }

    /** Writes {@code text} centred under the plot at x pixel {@code x}. */
    void labelX(int x, String text) {
        graphics.setColor(Color.BLACK);
        graphics.drawString(text, x - graphics.getFontMetrics().stringWidth(text) / 2, TOP + plotHeight() + 18);
    }

    int y(double value) {
        return TOP + plotHeight() - (int) Math.round((value - yLow) / (yHigh - yLow) * plotHeight());
    }

    static Color colour(int index) {
        return PALETTE[index % PALETTE.length];
    }

    void stroke(float width) {
        graphics.setStroke(new BasicStroke(width));
    }

    /**
     * The legend: one coloured entry per name, in order. A name too wide for the legend's column is drawn
     * smaller (down to {@value #SMALLEST_LEGEND_FONT} pt), and cut with an ellipsis if it still does not fit.
     */
    BufferedImage finish(List<String> names) {
        int top = TOP + 10;
        for (int i = 0; i < names.size(); i++) {
            graphics.setColor(colour(i));
            graphics.fillRect(WIDTH - RIGHT + 20, top + 18 * i - 9, 12, 12);
            graphics.setColor(Color.BLACK);
            graphics.drawString(fitted(names.get(i), LEGEND_TEXT_WIDTH), WIDTH - RIGHT + 38, top + 18 * i + 2);
        }
        graphics.dispose();
        return image;
    }

    /** Sets the graphics' font to the largest of 12 to 9 pt at which {@code text} fits, and returns what to draw. */
    private String fitted(String text, int width) {
        for (int size = 12; size >= SMALLEST_LEGEND_FONT; size--) {
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            if (graphics.getFontMetrics().stringWidth(text) <= width) {
                return text;
            }
        }
        String cut = text;
        while (!cut.isEmpty() && graphics.getFontMetrics().stringWidth(cut + "\u2026") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }

    /** The smallest and largest of {@code values}; (0, 1) when there are none. */
    static double[] range(List<Double> values) {
        if (values.isEmpty()) {
            return new double[] {0, 1};
        }
        return new double[] {values.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
            values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()};
    }

    /** Widened by 5% of the span, never across zero: a bar from 0, or a FID, does not get negative ticks. */
    private static double[] padded(double[] range) {
        double span = range[1] - range[0];
        if (span == 0) {
            return new double[] {range[0] - 1, range[1] + 1};
        }
        double low = range[0] - 0.05 * span;
        double high = range[1] + 0.05 * span;
        return new double[] {range[0] >= 0 ? Math.max(0, low) : low, range[1] <= 0 ? Math.min(0, high) : high};
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String format(double value) {
        return Math.abs(value) >= 1e4 || (value != 0 && Math.abs(value) < 1e-2)
                ? String.format(Locale.ROOT, "%.2e", value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
