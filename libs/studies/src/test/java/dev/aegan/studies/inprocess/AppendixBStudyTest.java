package dev.aegan.studies.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aegan.studies.appendixb.AppendixBFits;
import dev.aegan.studies.report.ClaimVerdict;
import dev.aegan.studies.report.StudyReport;
import dev.aegan.studies.report.TableRow;
import dev.aegan.studies.spec.Study;
import dev.aegan.studies.spec.StudyFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The one study CI runs: studies/appendix-b.json under its local profile (scaled-down SGD, seeds 1-3),
 * end to end, in process. The report and figure are left in target/studies/ to look at.
 */
class AppendixBStudyTest {

    private static final Path STUDIES = Path.of(System.getProperty("aegan.studies.dir", "../../studies"));

    @Test
    void theLocalProfileReproducesEveryClaimAndWritesItsReport() throws IOException {
        Study study = StudyFiles.read(STUDIES.resolve("appendix-b.json"));
        InProcessStudies.Outcome outcome = InProcessStudies.run(study, "local");
        StudyReport report = outcome.report();
        Path out = Files.createDirectories(Path.of("target", "studies"));
        Files.writeString(out.resolve("appendix-b.local.json"), report.json());
        Files.write(out.resolve("appendix-b.local.png"), outcome.figure());

        for (ClaimVerdict claim : report.claims()) {
            assertEquals("reproduced", claim.verdict(), claim.id() + ": " + claim.reason());
        }
        assertEquals(4 * AppendixBFits.METRICS.size(), report.table().size());
        TableRow jeffreysMean2 = report.table().stream()
                .filter(row -> row.series().equals("jeffreys-1") && row.metric().equals(AppendixBFits.MEAN_2))
                .findFirst().orElseThrow();
        assertEquals(3, jeffreysMean2.seeds());
        assertNotNull(jeffreysMean2.paper());
        BufferedImage figure = ImageIO.read(new ByteArrayInputStream(outcome.figure()));
        assertTrue(figure.getWidth() > 0);
    }

    @Test
    void theStudysReferenceValuesAreTheIntegratedOptimum() {
        Study study = StudyFiles.read(STUDIES.resolve("appendix-b.json"));
        for (String divergence : AppendixBFits.divergences()) {
            Map<String, Double> optimum = AppendixBFits.optimum(divergence);
            for (String parameter : new String[] {AppendixBFits.MEAN_1, AppendixBFits.LOG_VARIANCE_1,
                AppendixBFits.MEAN_2, AppendixBFits.LOG_VARIANCE_2}) {
                // the file rounds to 4 decimals
                assertEquals(optimum.get(parameter), study.paperValues().of(divergence + "-1", parameter)
                        .orElseThrow().value(), 1e-4, divergence + " " + parameter);
            }
        }
    }
}
