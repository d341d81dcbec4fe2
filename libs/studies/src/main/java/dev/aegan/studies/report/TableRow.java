package dev.aegan.studies.report;

import java.util.Map;

/**
 * One cell of a study's table: a series ({@code <group>-<variant>}) and metric; our mean, spread and
 * number of seeds at each run's last judged step (mean and spread absent when no seed has a value),
 * beside the paper's value and its source (absent when the study declares none).
 */
public record TableRow(String series, Map<String, Object> varied, String metric, Double mean, Double sd, int seeds,
                       Double paper, String paperSource) {
}
