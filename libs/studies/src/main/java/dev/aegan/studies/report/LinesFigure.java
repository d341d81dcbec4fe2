package dev.aegan.studies.report;

import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.results.RunCoordinates;
import dev.aegan.studies.spec.Figure;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One metric over training steps: per series, the mean over seeds at each judged step, joined. */
final class LinesFigure {

    private LinesFigure() {
    }

    static BufferedImage draw(String title, Figure figure, ResultTable results) {
        String metric = figure.metrics().get(0);
        List<String> names = new ArrayList<>();
        List<TreeMap<Long, Double>> curves = new ArrayList<>();
        for (String group : figure.groups()) {
            for (RunCoordinates run : results.variants(group)) {
                names.add(run.varied().isEmpty() ? group : group + " " + run.varied());
                curves.add(meanCurve(results, run.series(), metric));
            }
        }
        List<Double> steps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        curves.forEach(curve -> curve.forEach((step, value) -> {
            steps.add(step.doubleValue());
            values.add(value);
        }));
        Chart chart = new Chart(title, "step", metric + " (mean over seeds)", Chart.range(steps), Chart.range(values), true);
        Graphics2D g = chart.graphics();
        chart.stroke(2);
        for (int i = 0; i < curves.size(); i++) {
            g.setColor(Chart.colour(i));
            Map.Entry<Long, Double> previous = null;
            for (Map.Entry<Long, Double> point : curves.get(i).entrySet()) {
                g.fillOval(chart.x(point.getKey()) - 3, chart.y(point.getValue()) - 3, 7, 7);
                if (previous != null) {
                    g.drawLine(chart.x(previous.getKey()), chart.y(previous.getValue()), chart.x(point.getKey()),
                            chart.y(point.getValue()));
                }
                previous = point;
            }
        }
        return chart.finish(names);
    }

    /** The mean over the seeds that have a value at each step. */
    private static TreeMap<Long, Double> meanCurve(ResultTable results, String series, String metric) {
        TreeMap<Long, double[]> sums = new TreeMap<>();
        for (long seed : results.seeds()) {
            results.curve(series, seed, metric).forEach((step, value) -> {
                double[] sum = sums.computeIfAbsent(step, s -> new double[2]);
                sum[0] += value;
                sum[1]++;
            });
        }
        TreeMap<Long, Double> mean = new TreeMap<>();
        sums.forEach((step, sum) -> mean.put(step, sum[0] / sum[1]));
        return mean;
    }
}
