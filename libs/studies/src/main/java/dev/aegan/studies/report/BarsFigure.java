package dev.aegan.studies.report;

import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.results.RunCoordinates;
import dev.aegan.studies.rules.Spread;
import dev.aegan.studies.spec.Figure;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** One metric per series: a bar at the mean over seeds, a whisker of one standard deviation, each seed a dot. */
final class BarsFigure {

    private BarsFigure() {
    }

    static BufferedImage draw(String title, Figure figure, ResultTable results) {
        String metric = figure.metrics().get(0);
        List<RunCoordinates> series = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>(List.of(0.0));
        for (String group : figure.groups()) {
            for (RunCoordinates run : results.variants(group)) {
                series.add(run);
                names.add(run.varied().isEmpty() ? group : group + " " + run.varied());
                Spread spread = Spread.of(run.series(), metric, results.lastOverSeeds(run.series(), metric));
                values.addAll(results.lastOverSeeds(run.series(), metric));
                if (spread.mean() != null) {
                    values.add(spread.mean() + spread.sd());
                    values.add(spread.mean() - spread.sd());
                }
            }
        }
        Chart chart = new Chart(title, "", metric, new double[] {0, Math.max(1, series.size())}, Chart.range(values),
                false);
        Graphics2D g = chart.graphics();
        for (int i = 0; i < series.size(); i++) {
            String id = series.get(i).series();
            Spread spread = Spread.of(id, metric, results.lastOverSeeds(id, metric));
            int left = chart.x(i + 0.15);
            int right = chart.x(i + 0.85);
            int centre = (left + right) / 2;
            chart.labelX(centre, series.get(i).series());
            g.setColor(Chart.colour(i));
            if (spread.mean() != null) {
                int top = Math.min(chart.y(spread.mean()), chart.y(0));
                g.fillRect(left, top, right - left, Math.abs(chart.y(spread.mean()) - chart.y(0)));
                g.setColor(Color.BLACK);
                chart.stroke(1.5f);
                g.drawLine(centre, chart.y(spread.mean() - spread.sd()), centre, chart.y(spread.mean() + spread.sd()));
            }
            g.setColor(Color.DARK_GRAY);
            for (double value : results.lastOverSeeds(id, metric)) {
                g.fillOval(centre - 3 + 8, chart.y(value) - 3, 7, 7);
            }
        }
        return chart.finish(names);
    }
}
