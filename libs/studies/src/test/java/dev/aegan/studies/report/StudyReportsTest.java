package dev.aegan.studies.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.spec.Study;
import dev.aegan.studies.spec.StudyFiles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Reports of the repository's service studies, fed made-up evaluation rows (the frontier figure is left in target/studies/). */
class StudyReportsTest {

    private static final Path STUDIES = Path.of(System.getProperty("aegan.studies.dir", "../../studies"));
    private static final String FID = "fid@fashion-mnist-classifier";

    @Test
    void theFrontierStudyJudgesEachClaimAndDrawsItsFronts() throws IOException {
        Study study = StudyFiles.read(STUDIES.resolve("ijae-frontier.json"));
        // lambda-IJAE: fid rises and mse falls with lambda, and both beat the ablations by 1;
        // seed 3 never reports: three seeds are declared, so every claim is inconclusive but the one
        // the ablations break (L2's mse is better than lambda-IJAE's at lambda 0.9 in seed 1).
        List<EvaluationEvent> rows = new ArrayList<>();
        for (PlannedRun run : StudyPlanner.plan(study, "local")) {
            if (run.coordinates().seed() == 3) {
                continue;
            }
            double lambda = ((Number) run.coordinates().varied().get("lambda")).doubleValue();
            double penalty = run.coordinates().group().equals("ijae") ? 0 : 1;
            double mse = run.coordinates().group().equals("l2") && lambda == 0.9 && run.coordinates().seed() == 1
                    ? 0.0 : 1 - lambda + penalty;
            rows.add(row(run, FID, 10 * lambda + penalty));
            rows.add(row(run, "reconstruction_mse", mse));
        }
        ResultTable results = StudyReports.results(study, "local", rows);
        StudyReport report = StudyReports.report(study, "local", results);

        assertEquals(List.of("inconclusive at this budget", "inconclusive at this budget",
                "inconclusive at this budget", "not reproduced"), report.claims().stream().map(ClaimVerdict::verdict).toList());
        TableRow first = report.table().get(0);
        assertEquals("ijae-1", first.series());
        assertEquals(2, first.seeds());
        assertEquals(1.0, first.mean(), 1e-12);
        JsonNode json = EventJson.MAPPER.readTree(report.json());
        assertEquals(StudyReport.SCHEMA, json.get("schema").textValue());
        assertEquals(3 * 5 * 2, json.get("table").size());

        byte[] figure = StudyFigure.png(study, results);
        Files.write(Files.createDirectories(Path.of("target", "studies")).resolve("ijae-frontier.synthetic.png"), figure);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(figure));
        assertEquals(Chart.WIDTH, png.getWidth());
        for (int group = 0; group < 3; group++) {
            int colour = Chart.colour(group).getRGB();
            assertTrue(count(png, colour) > 50, "group " + group + " is drawn");
        }
    }

    @Test
    void theTableSetsThePapersValuesBesideOursAndTheLinesFigureDrawsEachSeries() throws IOException {
        Study table1 = StudyFiles.read(STUDIES.resolve("flexae-table1.json"));
        StudyReport report = StudyReports.report(table1, "local", StudyReports.results(table1, "local",
                rowsOver(table1, run -> 20)));
        TableRow vaeGeneration = report.table().stream()
                .filter(row -> row.series().equals("vae-1") && row.metric().equals(FID)).findFirst().orElseThrow();
        assertEquals(63.01, vaeGeneration.paper());
        assertEquals(20.0, vaeGeneration.mean());
        assertEquals(0.0, vaeGeneration.sd());
        assertEquals(List.of("not reproduced", "not reproduced"),
                report.claims().stream().map(ClaimVerdict::verdict).toList());

        Study critic = StudyFiles.read(STUDIES.resolve("alpha-gan-critic.json"));
        ResultTable curves = StudyReports.results(critic, "local", rowsOver(critic,
                run -> run.coordinates().group().equals("wgan-gp") ? -1 : -2));
        assertNull(StudyReports.report(critic, "local", curves).table().get(0).paper());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(StudyFigure.png(critic, curves)));
        assertTrue(count(png, Chart.colour(0).getRGB()) > 50 && count(png, Chart.colour(1).getRGB()) > 50);
    }

    @Test
    void legendNamesStayInsideTheImage() {
        BufferedImage png = new Chart("legend", "x", "y", new double[] {0, 1}, new double[] {0, 1}, true)
                .finish(List.of("flexae-sr {latentDim=128}", "a series whose name is far too long for any legend column"));
        for (int x = Chart.WIDTH - 6; x < Chart.WIDTH; x++) {
            for (int y = 0; y < png.getHeight(); y++) {
                assertEquals(Color.WHITE.getRGB(), png.getRGB(x, y), "pixel " + x + "," + y + " of the right margin");
            }
        }
    }

    @Test
    void axesAreWidenedButNotAcrossZero() {
        Chart bars = new Chart("bars", "", "fid", new double[] {0, 4}, new double[] {0, 200}, false);
        assertEquals(bars.y(0), Chart.TOP + Chart.plotHeight(), "a bar's foot is the plot's bottom edge");
        assertTrue(bars.y(200) > Chart.TOP, "the tallest bar stays below the top edge");
        Chart negative = new Chart("critic", "step", "w", new double[] {100, 300}, new double[] {-13, -5}, true);
        assertTrue(negative.y(-5) > Chart.TOP, "a range wholly below zero keeps its margin");
        assertTrue(negative.y(-13) < Chart.TOP + Chart.plotHeight());
        Chart straddling = new Chart("both", "x", "y", new double[] {0, 1}, new double[] {-1, 1}, true);
        assertTrue(straddling.y(-1) < Chart.TOP + Chart.plotHeight(), "a range across zero is widened both ways");
    }

    @Test
    void ticksAreRoundNumbers() {
        assertEquals(50, Chart.tickStep(0, 202), 1e-12);
        assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0), Chart.ticks(0, 202, 50));
        assertEquals(0.2, Chart.tickStep(0, 1.05), 1e-15);
        assertEquals(List.of("0", "50", "150"), List.of(Chart.tickLabel(0, 50), Chart.tickLabel(50, 50),
                Chart.tickLabel(150, 50)));
        double step = Chart.tickStep(0.0168, 0.0476);
        assertEquals(0.005, step, 1e-15);
        assertEquals(List.of("0.02", "0.025", "0.03", "0.035", "0.04", "0.045"), Chart.ticks(0.0168, 0.0476, step).stream()
                .map(v -> Chart.tickLabel(v, step)).toList());
        assertEquals(List.of(-14.0, -12.0, -10.0, -8.0, -6.0), Chart.ticks(-14.2, -4.6, Chart.tickStep(-14.2, -4.6)));
        assertEquals("1.5e-04", Chart.tickLabel(1.5e-4, 5e-5));
        assertEquals("2.50e+05", Chart.tickLabel(250_000, 1_000));
    }

    /** Each metric of each run at steps 100, 200, 300, equal to the value given for the run. */
    private static List<EvaluationEvent> rowsOver(Study study, ToDoubleFunction<PlannedRun> value) {
        List<EvaluationEvent> rows = new ArrayList<>();
        for (PlannedRun run : StudyPlanner.plan(study, "local")) {
            for (String metric : study.metrics()) {
                for (long step = 100; step <= 300; step += 100) {
                    rows.add(new EvaluationEvent(EvaluationEvent.SCHEMA, run.runId(), null, step, metric,
                            value.applyAsDouble(run) * step / 300, "c", 100, "metrics-service", Instant.EPOCH));
                }
            }
        }
        return rows;
    }

    private static EvaluationEvent row(PlannedRun run, String metric, double value) {
        return new EvaluationEvent(EvaluationEvent.SCHEMA, run.runId(), null, 200, metric, value, "c", 100,
                "metrics-service", Instant.EPOCH);
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += image.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
