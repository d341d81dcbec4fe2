package dev.aegan.studies.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plot area drawn with Java2D: white background, title, two linear axes with round-numbered ticks and a
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
     * range is one value); {@code xTicks} false leaves the x axis unnumbered, for a figure that labels its
     * own positions.
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
        if (xTicks) {
            double step = tickStep(xLow, xHigh);
            for (double xv : ticks(xLow, xHigh, step)) {
                graphics.drawString(tickLabel(xv, step), x(xv) - 20, TOP + plotHeight() + 18);
                graphics.drawLine(x(xv), TOP + plotHeight(), x(xv), TOP + plotHeight() + 4);
            }
        }
        double yStep = tickStep(yLow, yHigh);
        for (double yv : ticks(yLow, yHigh, yStep)) {
            graphics.drawString(tickLabel(yv, yStep), 8, y(yv) + 4);
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

    /** The plot area, inside the axes, in pixels. */
    static Rectangle plotArea() {
        return new Rectangle(LEFT, TOP, plotWidth(), plotHeight());
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

    /** The distance between ticks: 1, 2 or 5 times a power of ten, the smallest that makes at most six ticks. */
    static double tickStep(double low, double high) {
        double power = Math.pow(10, Math.floor(Math.log10((high - low) / 10)));
        for (int i = 0; ; i++) {
            double step = new double[] {1, 2, 5}[i % 3] * power * Math.pow(10, i / 3);
            if (ticks(low, high, step).size() <= 6) {
                return step;
            }
        }
    }

    /** The multiples of {@code step} in [low, high]. */
    static List<Double> ticks(double low, double high, double step) {
        List<Double> ticks = new ArrayList<>();
        long first = (long) Math.ceil(low / step - 1e-9);
        for (long i = first; i * step <= high + step * 1e-9; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /**
     * A tick's value with the digits its step needs: plain ("0.015", "150"), or in scientific notation
     * ("1.5e-04") where plain would be too long.
     */
    static String tickLabel(double value, double step) {
        int stepExponent = (int) Math.floor(Math.log10(step) + 1e-9);
        if (value != 0 && (Math.abs(value) >= 1e5 || step < 1e-4)) {
            int digits = (int) Math.floor(Math.log10(Math.abs(value)) + 1e-9) - stepExponent + 1;
            return String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "e", value);
        }
        return new BigDecimal(value).setScale(Math.max(0, -stepExponent), RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }
}
