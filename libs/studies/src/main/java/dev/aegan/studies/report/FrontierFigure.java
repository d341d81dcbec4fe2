package dev.aegan.studies.report;

import dev.aegan.evaluation.frontier.ParetoFront;
import dev.aegan.evaluation.frontier.ParetoFront.Point;
import dev.aegan.evaluation.metrics.MetricNames;
import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.results.RunCoordinates;
import dev.aegan.studies.rules.Spread;
import dev.aegan.studies.spec.Figure;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Two metrics against each other: every run a small dot, each variant's mean over seeds a large one
 * labelled with what it varies (labels kept apart by {@link PointLabels}), and each group's Pareto front of
 * those means joined by a line.
 */
final class FrontierFigure {

    private FrontierFigure() {
    }

    static BufferedImage draw(String title, Figure figure, ResultTable results) {
        String x = figure.metrics().get(0);
        String y = figure.metrics().get(1);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (String group : figure.groups()) {
            for (RunCoordinates run : results.variants(group)) {
                xs.addAll(results.lastOverSeeds(run.series(), x));
                ys.addAll(results.lastOverSeeds(run.series(), y));
            }
        }
        Chart chart = new Chart(title, x, y, Chart.range(xs), Chart.range(ys), true);
        Graphics2D g = chart.graphics();
        PointLabels labels = new PointLabels(Chart.plotArea());
        for (int i = 0; i < figure.groups().size(); i++) {
            g.setColor(Chart.colour(i));
            List<Point<String>> means = new ArrayList<>();
            for (RunCoordinates run : results.variants(figure.groups().get(i))) {
                for (long seed : results.seeds()) {
                    var xv = results.last(run.series(), seed, x);
                    var yv = results.last(run.series(), seed, y);
                    if (xv.isPresent() && yv.isPresent()) {
                        g.fillOval(chart.x(xv.getAsDouble()) - 2, chart.y(yv.getAsDouble()) - 2, 5, 5);
                    }
                }
                Spread mx = Spread.of(run.series(), x, results.lastOverSeeds(run.series(), x));
                Spread my = Spread.of(run.series(), y, results.lastOverSeeds(run.series(), y));
                if (mx.mean() != null && my.mean() != null) {
                    g.fillOval(chart.x(mx.mean()) - 5, chart.y(my.mean()) - 5, 11, 11);
                    labels.draw(g, run.varied().values().toString(), chart.x(mx.mean()), chart.y(my.mean()), 5);
                    means.add(new Point<>(run.series(), mx.mean(), my.mean()));
                }
            }
            if (MetricNames.direction(x).isPresent() && MetricNames.direction(y).isPresent()) {
                List<Point<String>> front = new ArrayList<>(ParetoFront.of(means, MetricNames.direction(x).get(),
                        MetricNames.direction(y).get()));
                front.sort(Comparator.comparingDouble(Point::x));
                chart.stroke(2);
                for (int p = 1; p < front.size(); p++) {
                    g.drawLine(chart.x(front.get(p - 1).x()), chart.y(front.get(p - 1).y()), chart.x(front.get(p).x()),
                            chart.y(front.get(p).y()));
                }
            }
        }
        return chart.finish(figure.groups());
    }
}
